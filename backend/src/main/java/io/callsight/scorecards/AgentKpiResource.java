package io.callsight.scorecards;

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
 * {@code POST /api/ingest/agent-kpis}: agent KPIs per day, a JSON array or CSV (body or multipart {@code file}).
 * An Excel workbook (.xlsx or .xls, recognised by its bytes) is read as the CSV text of its first sheet or of
 * {@code ?sheet=<name>} ({@link io.callsight.common.Workbooks}): the same header matching and rejects, line = row.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@TracksUpload("agent-kpis")
@Path("/api/ingest/agent-kpis")
@Produces(MediaType.APPLICATION_JSON)
public class AgentKpiResource {

    static final Uploads.Kind FILE = new Uploads.Kind("the KPI file", 64 * 1024 * 1024);

    @Inject
    AgentKpiIngestService ingest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentKpiIngestService.Result json(InputStream body, @QueryParam("fileName") String fileName) throws IOException {
        return ingest(Uploads.body(body, fileName, FILE), true);
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Uploads.XLSX, Uploads.XLS})
    public AgentKpiIngestService.Result csv(InputStream body, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType, @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return ingest(Uploads.body(body, fileName, contentType, charset, sheet, FILE), false);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public AgentKpiIngestService.Result multipart(@RestForm("file") FileUpload file, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        Upload upload = Uploads.multipart(file, charset, sheet, FILE);
        return ingest(upload, upload.jsonName());
    }

    private AgentKpiIngestService.Result ingest(Upload upload, boolean json) throws IOException {
        return ingest.ingest(upload.content(), json, upload.fileName());
    }
}
