package io.callsight.servicelevels;

import java.io.IOException;
import java.io.InputStream;

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

import io.callsight.common.Uploads;
import io.callsight.common.Uploads.Upload;
import io.callsight.security.Roles;
import io.callsight.uploads.TracksUpload;

/**
 * {@code POST /api/ingest/service-metrics[?source=]}: a daily or monthly queue-metric file, CSV body or multipart
 * {@code file}.
 * An Excel workbook (.xlsx or .xls, recognised by its bytes) is read as the CSV text of its first sheet or of
 * {@code ?sheet=<name>} ({@link io.callsight.common.Workbooks}): the same header matching and rejects, line = row.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@TracksUpload("service-metrics")
@Path("/api/ingest/service-metrics")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceMetricResource {

    static final Uploads.Kind FILE = new Uploads.Kind("the metric file", 64 * 1024 * 1024);

    @Inject
    ServiceMetricIngestService ingest;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv", Uploads.XLSX,
            Uploads.XLS})
    public MetricIngestResult body(InputStream body, @QueryParam("source") String source,
            @QueryParam("fileName") String fileName, @HeaderParam("Content-Type") String contentType,
            @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return ingest(source, Uploads.body(body, fileName, contentType, charset, sheet, FILE));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public MetricIngestResult multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source,
            @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return ingest(source, Uploads.multipart(file, charset, sheet, FILE));
    }

    private MetricIngestResult ingest(String source, Upload upload) throws IOException {
        return ingest.ingest(source, upload.fileName(), upload.content());
    }
}
