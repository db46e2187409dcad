package io.callsight.scorecards;

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

/** {@code POST /api/ingest/agent-kpis}: agent KPIs per day, a JSON array or CSV (body or multipart {@code file}). */
@jakarta.annotation.security.RolesAllowed(io.callsight.security.Roles.ADMIN)
@Path("/api/ingest/agent-kpis")
@Produces(MediaType.APPLICATION_JSON)
public class AgentKpiResource {

    static final int MAX_BYTES = 64 * 1024 * 1024;

    @Inject
    AgentKpiIngestService ingest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentKpiIngestService.Result json(InputStream body, @QueryParam("fileName") String fileName) throws IOException {
        return ingest.ingest(read(body), true, fileName);
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public AgentKpiIngestService.Result csv(InputStream body, @QueryParam("fileName") String fileName) throws IOException {
        return ingest.ingest(read(body), false, fileName);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public AgentKpiIngestService.Result multipart(@RestForm("file") FileUpload file) throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding the KPI file");
        }
        boolean json = file.fileName() != null && file.fileName().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return ingest.ingest(read(in), json, file.fileName());
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        return Uploads.readAll(in, MAX_BYTES, "The KPI file");
    }
}
