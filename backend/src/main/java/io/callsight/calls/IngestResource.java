package io.callsight.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.Locale;

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

import io.callsight.common.BadInputException;

/**
 * {@code POST /api/ingest/calls}: a CSV body, a multipart file (part {@code file}) or a JSON array.
 * Timestamps without an offset are read in {@code ?timeZone=} (default UTC).
 */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
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
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the call file");
        }
        String name = file.fileName();
        boolean json = (name != null && name.toLowerCase(Locale.ROOT).endsWith(".json"))
                || (file.contentType() != null && file.contentType().contains("json"));
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return run(in, json, timeZone, source, name, file.contentType());
        }
    }

    private IngestResult run(InputStream body, boolean json, String timeZone, String source, String fileName,
            String contentType) throws IOException {
        ZoneId zone = io.callsight.common.TimeZones.parse(timeZone, java.time.ZoneOffset.UTC);
        MessageDigest sha = sha256();
        DigestInputStream in = new DigestInputStream(body, sha);
        try (CallSource calls = json ? new JsonCallSource(in) : new CsvCallSource(in)) {
            var request = new CallIngestService.Request(source == null || source.isBlank() ? "api" : source,
                    fileName, contentType, zone);
            return ingest.ingest(request, calls, () -> {
                try {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return sha.digest();
            });
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
