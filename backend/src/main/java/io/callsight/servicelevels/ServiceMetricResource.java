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

/** {@code POST /api/ingest/service-metrics[?source=]}: a daily or monthly queue-metric file, CSV body or multipart {@code file}. */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
@Path("/api/ingest/service-metrics")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceMetricResource {

    static final int MAX_BYTES = 64 * 1024 * 1024;

    @Inject
    ServiceMetricIngestService ingest;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv"})
    public ServiceMetricTypes.IngestResult body(InputStream body, @QueryParam("source") String source,
            @QueryParam("fileName") String fileName) throws IOException {
        return ingest.ingest(source, fileName, read(body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ServiceMetricTypes.IngestResult multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source)
            throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the metric file");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return ingest.ingest(source, file.fileName(), read(in));
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        return Uploads.readAll(in, MAX_BYTES, "The metric file");
    }
}
