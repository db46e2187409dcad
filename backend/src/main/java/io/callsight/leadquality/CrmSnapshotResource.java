package io.callsight.leadquality;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

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

import io.callsight.common.BadInputException;
import io.callsight.common.Uploads;
import io.callsight.common.Uploads.Upload;
import io.callsight.security.Roles;
import io.callsight.uploads.TracksUpload;

/**
 * {@code POST /api/ingest/crm-snapshots?source=<name>&reportDate=YYYY-MM-DD}: one CRM report snapshot as
 * a CSV body or a multipart file (part {@code file}). Without reportDate the date comes from the file
 * name (2023-02-06 or 20230206 in it), else the arrival day (UTC).
 * An Excel workbook (.xlsx or .xls, recognised by its bytes) is read as the CSV text of its first sheet or of
 * {@code ?sheet=<name>} ({@link io.callsight.common.Workbooks}): the same header matching and rejects, line = row.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@TracksUpload("crm-snapshots")
@Path("/api/ingest/crm-snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class CrmSnapshotResource {

    /** Snapshots are read whole (a few MB); a larger body is refused rather than exhausting the heap. */
    static final Uploads.Kind FILE = new Uploads.Kind("the snapshot", 64 * 1024 * 1024);

    @Inject
    SnapshotIngestService snapshots;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv", Uploads.XLSX,
            Uploads.XLS})
    public SnapshotResult csv(InputStream body, @QueryParam("source") String source,
            @QueryParam("reportDate") String reportDate, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        return ingest(source, date(reportDate), Uploads.body(body, fileName, contentType, charset, sheet, FILE));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public SnapshotResult multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source,
            @QueryParam("reportDate") String reportDate, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        return ingest(source, date(reportDate), Uploads.multipart(file, charset, sheet, FILE));
    }

    private SnapshotResult ingest(String source, LocalDate reportDate, Upload upload) throws IOException {
        return snapshots.ingest(source, reportDate, upload.fileName(), upload.content());
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
