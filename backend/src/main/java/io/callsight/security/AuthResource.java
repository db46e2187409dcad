package io.callsight.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.callsight.common.BadInputException;
import io.callsight.common.RestErrors;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Login ({@code POST /api/auth/login}) and who-am-I ({@code GET /api/auth/me}). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Users users;

    @Inject
    TokenService tokens;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    public record LoginRequest(String username, String password) {
    }

    public record LoginResponse(String token, Instant expiresAt, String username, String role, String advertiserId) {
    }

    public record LockedResponse(String code, String error, long retryAfterSeconds) {
    }

    public record Me(String username, String role, String advertiserId, String via) {
    }

    @POST
    @Path("/login")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD })
    @Blocking
    public Response login(String body) throws com.fasterxml.jackson.core.JsonProcessingException {
        // read here, not by the framework: malformed JSON then reaches RestErrors' BAD_INPUT answer
        LoginRequest request = body == null || body.isBlank() ? null : json.readValue(body, LoginRequest.class);
        if (request == null || request.username() == null || request.password() == null) {
            throw new BadInputException("Send JSON {\"username\": ..., \"password\": ...}");
        }
        if (request.username().indexOf('\u0000') >= 0 || request.password().indexOf('\u0000') >= 0) {
            throw new BadInputException("username and password may not contain the NUL character");
        }
        Users.LoginResult result = users.login(request.username(), request.password());
        String who = request.username().strip();
        if (result instanceof Users.LoginResult.Success s) {
            audit.record(s.username(), s.role(), "login", s.username(), null, "OK");
            TokenService.Issued issued = tokens.issue(s.username(), s.role(), s.advertiserKey(), s.advertiserId());
            return Response.ok(new LoginResponse(issued.token(), issued.expiresAt(), s.username(), s.role(),
                    s.advertiserId())).build();
        }
        if (result instanceof Users.LoginResult.Locked l) {
            audit.record(who.length() > 64 ? who.substring(0, 64) : who, null, "login", null, null,
                    "LOCKED for " + l.retryAfterSeconds() + " s");
            return Response.status(429).header("Retry-After", l.retryAfterSeconds())
                    .entity(new LockedResponse("LOCKED", "Too many failed logins: this account is locked; try again in "
                            + minutes(l.retryAfterSeconds()), l.retryAfterSeconds()))
                    .build();
        }
        Users.LoginResult.Failure f = (Users.LoginResult.Failure) result;
        audit.record(who.length() > 64 ? who.substring(0, 64) : who, null, "login", null, null, "FAILED: " + f.reason());
        return Response.status(401).entity(new RestErrors.ErrorBody("UNAUTHENTICATED", f.reason()))
                .build();
    }

    /**
     * A fresh token for the signed-in user (same role and advertiser as now in the database), so a
     * wallboard left open for a shift stays signed in. Only a login token renews; an API key does not
     * expire and needs none.
     */
    @POST
    @Path("/renew")
    @Authenticated
    @Blocking
    public Response renew() {
        if (!"token".equals(currentUser.via())) {
            throw new BadInputException("Only a login token renews: an API key does not expire");
        }
        Users.LoginResult result = users.standing(currentUser.name());
        if (!(result instanceof Users.LoginResult.Success s)) {
            return Response.status(401).entity(new RestErrors.ErrorBody("UNAUTHENTICATED",
                    ((Users.LoginResult.Failure) result).reason())).build();
        }
        TokenService.Issued issued = tokens.issue(s.username(), s.role(), s.advertiserKey(), s.advertiserId());
        return Response.ok(new LoginResponse(issued.token(), issued.expiresAt(), s.username(), s.role(),
                s.advertiserId())).build();
    }

    /** The files a download link may open (streamed exports). */
    static final Set<String> DOWNLOADABLE = Set.of("/api/calls/export.csv", "/api/feeds/leads.csv",
            "/api/strategy/next-attempts.csv");

    public record DownloadLinkRequest(String path) {
    }

    public record DownloadLink(String url, Instant expiresAt) {
    }

    /**
     * A link the browser opens itself to download an export ({@code path}: one of {@link #DOWNLOADABLE} with its
     * query), signed for the caller and that path, good for a minute: the file streams to disk instead of being
     * fetched into the page. The export checks the caller's role and scope as for any request.
     */
    @POST
    @Path("/download-link")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public DownloadLink downloadLink(DownloadLinkRequest request) {
        String target = request == null || request.path() == null ? "" : request.path().strip();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (!DOWNLOADABLE.contains(path)) {
            throw new BadInputException("path must be one of " + new TreeSet<>(DOWNLOADABLE)
                    + " with its query (was '" + target + "')");
        }
        if (target.contains("dl=")) {
            throw new BadInputException("path already carries a download link (dl=)");
        }
        TokenService.Issued issued = tokens.issueDownload(currentUser.name(), currentUser.role(),
                currentUser.advertiserKey(), currentUser.advertiserId(), path);
        String url = target + (query < 0 ? "?" : "&") + CallsightAuthMechanism.DOWNLOAD_PARAM + "="
                + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
        return new DownloadLink(url, issued.expiresAt());
    }

    @GET
    @Path("/me")
    @Authenticated
    public Me me() {
        return new Me(currentUser.name(), currentUser.role(), currentUser.advertiserId(), currentUser.via());
    }

    private static String minutes(long seconds) {
        long m = (seconds + 59) / 60;
        return m <= 1 ? "a minute" : m + " minutes";
    }
}
