package io.callsight.leadquality;

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

/**
 * {@code POST /api/ingest/leads}: delivered leads as Parquet (body or multipart part {@code file}; recognised
 * by its PAR1 marker) or CSV with a header (lead_id / lead_UUID, email_hash, phone_hash, campaign_id,
 * advertiser_id).
 */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
@Path("/api/ingest/leads")
@Produces(MediaType.APPLICATION_JSON)
public class LeadIngestResource {

    static final int MAX_BYTES = 256 * 1024 * 1024;

    @Inject
    DeliveredLeadIngestService leads;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/csv",
            "application/vnd.apache.parquet", "application/x-parquet"})
    public DeliveredLeadIngestService.Result body(InputStream body, @QueryParam("fileName") String fileName) throws IOException {
        return leads.ingest(read(body), fileName);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public DeliveredLeadIngestService.Result multipart(@RestForm("file") FileUpload file) throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the lead file");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return leads.ingest(read(in), file.fileName());
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        return Uploads.readAll(in, MAX_BYTES, "The lead file");
    }
}
