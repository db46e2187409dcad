package io.callsight.leadquality;

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
 * {@code POST /api/ingest/leads}: delivered leads as Parquet (body or multipart part {@code file}; recognised
 * by its PAR1 marker; any writer, read by parquet-java) or CSV with a header (lead_id / lead_UUID, email_hash,
 * phone_hash or raw email and phone, campaign_id, advertiser_id, delivered_at). {@code source}: the CRM source (advertiser's report) the leads were delivered to;
 * without it, they count as delivered for every source.
 * An Excel workbook (.xlsx or .xls, recognised by its bytes) is read as the CSV text of its first sheet or of
 * {@code ?sheet=<name>} ({@link io.callsight.common.Workbooks}): the same header matching and rejects, line = row.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@TracksUpload("leads")
@Path("/api/ingest/leads")
@Produces(MediaType.APPLICATION_JSON)
public class LeadIngestResource {

    static final Uploads.Kind FILE = new Uploads.Kind("the lead file", 256 * 1024 * 1024);

    @Inject
    DeliveredLeadIngestService leads;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv",
            "application/vnd.apache.parquet", "application/x-parquet", Uploads.XLSX, Uploads.XLS})
    public DeliveredLeadIngestService.Result body(InputStream body, @QueryParam("fileName") String fileName,
            @QueryParam("source") String source, @HeaderParam("Content-Type") String contentType,
            @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return ingest(Uploads.body(body, fileName, contentType, charset, sheet, FILE), source);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public DeliveredLeadIngestService.Result multipart(@RestForm("file") FileUpload file, @QueryParam("source") String source,
            @QueryParam("charset") String charset, @QueryParam("sheet") String sheet) throws IOException {
        return ingest(Uploads.multipart(file, charset, sheet, FILE), source);
    }

    private DeliveredLeadIngestService.Result ingest(Upload upload, String source) throws IOException {
        return leads.ingest(upload.content(), upload.fileName(), source);
    }
}
