package io.callsight.servicelevels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.callsight.common.BadInputException;
import io.callsight.common.Uploads;

/** {@code POST /api/ingest/inbound-calls[?source=anonymous-bank]}: a call-level log, body or multipart {@code file}. */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
@Path("/api/ingest/inbound-calls")
@Produces(MediaType.APPLICATION_JSON)
public class InboundCallResource {

    static final int MAX_BYTES = 512 * 1024 * 1024;

    @Inject
    InboundCallIngestService ingest;

    @POST
    @Consumes({"text/csv", "text/tab-separated-values", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public ServiceMetricTypes.IngestResult body(InputStream body, @QueryParam("source") String source,
            @QueryParam("fileName") String fileName) throws IOException {
        return ingest.ingest(source, fileName, read(body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ServiceMetricTypes.IngestResult multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source)
            throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the call log");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return ingest.ingest(source, file.fileName(), read(in));
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        return Uploads.readAll(in, MAX_BYTES, "The call log");
    }
}
