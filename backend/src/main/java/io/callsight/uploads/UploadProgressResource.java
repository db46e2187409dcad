package io.callsight.uploads;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.callsight.common.NotFoundException;
import io.callsight.security.Roles;

/**
 * {@code GET /api/ingest/progress/{uploadId}}: how far an upload sent with the header {@code X-Upload-Id} is,
 * asked while the server reads it (any instance answers): phase PROCESSING (rows read so far), DONE or FAILED.
 * Known for a day after the upload.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@Path("/api/ingest/progress")
@Produces(MediaType.APPLICATION_JSON)
public class UploadProgressResource {

    @Inject
    UploadProgressStore store;

    @GET
    @Path("/{uploadId}")
    public UploadProgressStore.Report progress(@PathParam("uploadId") String uploadId) {
        return store.find(uploadId).orElseThrow(() -> new NotFoundException("No upload " + uploadId
                + " is known (the id is the X-Upload-Id header the upload was sent with; kept for a day)"));
    }
}
