package io.callsight.leadquality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

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

/**
 * {@code POST /api/ingest/crm-snapshots?source=<name>&reportDate=YYYY-MM-DD}: one CRM report snapshot as
 * a CSV body or a multipart file (part {@code file}). Without reportDate the date comes from the file
 * name (2023-02-06 or 20230206 in it), else the arrival day (UTC).
 */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
@Path("/api/ingest/crm-snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class CrmSnapshotResource {

    /** Snapshots are read whole (a few MB); a larger body is refused rather than exhausting the heap. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    @Inject
    SnapshotIngestService snapshots;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv"})
    public SnapshotResult csv(InputStream body, @QueryParam("source") String source,
            @QueryParam("reportDate") String reportDate, @QueryParam("fileName") String fileName) throws IOException {
        return snapshots.ingest(source, date(reportDate), fileName, read(body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public SnapshotResult multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source,
            @QueryParam("reportDate") String reportDate) throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the snapshot");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return snapshots.ingest(source, date(reportDate), file.fileName(), read(in));
        }
    }

    static byte[] read(InputStream in) throws IOException {
        return Uploads.readAll(in, MAX_BYTES, "The snapshot");
    }

    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException("reportDate must be YYYY-MM-DD (was '" + value + "')");
        }
    }
}
