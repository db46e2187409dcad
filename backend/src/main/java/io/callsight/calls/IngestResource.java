package io.callsight.calls;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.callsight.common.TimeZones;
import io.callsight.common.Uploads;
import io.callsight.security.Roles;

/**
 * {@code POST /api/ingest/calls}: a CSV body, a multipart file (part {@code file}) or a JSON array.
 * Timestamps without an offset are read in {@code ?timeZone=} (default UTC).
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@Path("/api/ingest/calls")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    @Inject
    CallIngestService ingest;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "text/tab-separated-values",
            "application/csv"})
    public IngestResult csv(InputStream body, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType) throws IOException {
        return run(body, false, timeZone, source, fileName, contentType);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult json(InputStream body, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source, @QueryParam("fileName") String fileName) throws IOException {
        return run(body, true, timeZone, source, fileName, MediaType.APPLICATION_JSON);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public IngestResult multipart(@RestForm("file") FileUpload file, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source) throws IOException {
        return Uploads.withFile(file, "the call file", in -> {
            boolean json = Uploads.jsonName(file.fileName())
                    || (file.contentType() != null && file.contentType().contains("json"));
            return run(in, json, timeZone, source, file.fileName(), file.contentType());
        });
    }

    private IngestResult run(InputStream body, boolean json, String timeZone, String source, String fileName,
            String contentType) throws IOException {
        ZoneId zone = TimeZones.parse(timeZone, ZoneOffset.UTC);
        var request = new CallIngestService.Request(source == null || source.isBlank() ? "api" : source,
                fileName, contentType, zone);
        return ingest.ingest(request, body, json);
    }
}
