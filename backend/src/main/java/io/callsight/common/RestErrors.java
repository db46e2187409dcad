package io.callsight.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.UnauthorizedException;

/** REST errors as JSON {@code {code, error}}: a message a person understands, never a stack trace. */
public class RestErrors {

    /** The JSON body of an error. */
    public record ErrorBody(String code, String error) {
    }

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return json(Response.Status.BAD_REQUEST, "BAD_INPUT", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, "NOT_FOUND", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, "FORBIDDEN", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, "FORBIDDEN", "Your role may not use this endpoint");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthenticatedException e) {
        return json(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return json(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in first: send 'Authorization: Bearer "
                + "<token>' from POST /api/auth/login, or 'X-Api-Key: <key>'");
    }

    @ServerExceptionMapper
    public Response ingestFailed(IngestFailedException e) {
        if (DatabaseUnavailableException.causedBy(e)) {
            return databaseUnavailable(new DatabaseUnavailableException(e));
        }
        return json(Response.Status.INTERNAL_SERVER_ERROR, "INGEST_FAILED", e.getMessage());
    }

    /** 503 with Retry-After; other failures caused by an unreachable database: {@link DatabaseUnavailableHandler}. */
    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", DatabaseUnavailableHandler.RETRY_AFTER_SECONDS)
                .entity(new ErrorBody("DATABASE_UNAVAILABLE", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, "BAD_INPUT", "Malformed JSON: " + e.getOriginalMessage()
                + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() : ""));
    }

    private static Response json(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(code, message)).build();
    }
}
