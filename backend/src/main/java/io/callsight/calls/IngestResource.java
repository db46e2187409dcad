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

import io.callsight.common.BadInputException;
import io.callsight.common.TextCharsets;
import io.callsight.common.TimeZones;
import io.callsight.common.Uploads;
import io.callsight.security.Roles;
import io.callsight.uploads.TracksUpload;

/**
 * {@code POST /api/ingest/calls}: a CSV body, a multipart file (part {@code file}) or a JSON array. Text is
 * UTF-8 unless {@code ?charset=} or the content type's charset says otherwise ({@link TextCharsets}). An Excel
 * workbook (.xlsx or .xls, recognised by its bytes; gzip-compressed or not) is read as the CSV text of its first
 * sheet, or of the one {@code ?sheet=} names ({@link io.callsight.common.Workbooks}): line N of a reject is row N.
 * Timestamps without an offset are read in {@code ?timeZone=} (default UTC). A file is completed before
 * the answer (batch COMPLETED) or, when large ({@link IngestConfig}) or asked with {@code ?complete=after-answer},
 * after it: the answer comes when its rows are validated and durable (LOADED), the reports have it when READY.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@TracksUpload("calls")
@Path("/api/ingest/calls")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    @Inject
    CallIngestService ingest;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "text/tab-separated-values",
            "application/csv", Uploads.XLSX, Uploads.XLS})
    public IngestResult csv(InputStream body, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType, @QueryParam("complete") String complete,
            @HeaderParam("Content-Length") String length, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        return run(body, false, new Options(timeZone, source, fileName, TextCharsets.withCharset(contentType, charset),
                complete, length, sheet));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult json(InputStream body, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source, @QueryParam("fileName") String fileName,
            @QueryParam("complete") String complete, @HeaderParam("Content-Length") String length) throws IOException {
        return run(body, true, new Options(timeZone, source, fileName, MediaType.APPLICATION_JSON, complete, length,
                null));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public IngestResult multipart(@RestForm("file") FileUpload file, @QueryParam("timeZone") String timeZone,
            @QueryParam("source") String source, @QueryParam("complete") String complete,
            @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return Uploads.withFile(file, "the call file", in -> {
            boolean json = Uploads.jsonName(file.fileName())
                    || (file.contentType() != null && file.contentType().contains("json"));
            return run(in, json, new Options(timeZone, source, file.fileName(),
                    TextCharsets.withCharset(file.contentType(), charset), complete, Long.toString(file.size()), sheet));
        });
    }

    /** The request's parameters, as sent. */
    private record Options(String timeZone, String source, String fileName, String contentType, String complete,
            String length, String sheet) {
    }

    private IngestResult run(InputStream body, boolean json, Options o) throws IOException {
        ZoneId zone = TimeZones.parse(o.timeZone(), ZoneOffset.UTC);
        var request = new CallIngestService.Request(o.source() == null || o.source().isBlank() ? "api" : o.source(),
                o.fileName(), o.contentType(), zone, size(o.length()), completeAfterAnswer(o.complete()), o.sheet());
        return ingest.ingest(request, body, json);
    }

    /** {@code ?complete=}: before-answer, after-answer, or absent (by the body's size). */
    static Boolean completeAfterAnswer(String complete) {
        if (complete == null || complete.isBlank()) {
            return null;
        }
        return switch (complete.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "after-answer" -> Boolean.TRUE;
            case "before-answer" -> Boolean.FALSE;
            default -> throw new BadInputException("complete must be before-answer or after-answer (was '"
                    + complete + "')");
        };
    }

    private static long size(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
