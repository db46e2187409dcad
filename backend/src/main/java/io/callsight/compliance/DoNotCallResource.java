package io.callsight.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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

/**
 * {@code POST /api/compliance/do-not-call}: a CSV of numbers for the internal do-not-call list (body or multipart
 * {@code file}; a header line with a phone column, or one number per line without header). Stored as keyed hashes
 * only; rejects kept with line and reason, and answered one by one with their line and value ({@code invalid}).
 * Numbers already listed are counted, not changed: a file sent again (or in parts) is safe.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/compliance/do-not-call")
@Produces(MediaType.APPLICATION_JSON)
public class DoNotCallResource {

    static final Uploads.Kind FILE = new Uploads.Kind("the do-not-call file", 64 * 1024 * 1024);

    @Inject
    ComplianceService compliance;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Uploads.XLSX, Uploads.XLS})
    public DoNotCallResult csv(InputStream body, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        return load(Uploads.body(body, fileName, contentType, charset, sheet, FILE));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public DoNotCallResult multipart(@RestForm("file") FileUpload file, @QueryParam("charset") String charset,
            @QueryParam("sheet") String sheet) throws IOException {
        return load(Uploads.multipart(file, charset, sheet, FILE));
    }

    private DoNotCallResult load(Upload upload) throws IOException {
        return compliance.upload(new String(upload.content(), StandardCharsets.UTF_8), upload.fileName());
    }
}
