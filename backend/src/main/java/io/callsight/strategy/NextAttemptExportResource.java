package io.callsight.strategy;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.callsight.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/strategy/next-attempts.csv[?campaignId=]}: the recommended next attempt of every open lead, for the
 * dialer's list loader, streamed (CALL rows only: stopped leads are left out). Scope and number masking as the
 * {@code nextAttempts} query; the SPA opens it by a signed download link.
 */
@Path("/api/strategy")
@RolesAllowed({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
public class NextAttemptExportResource {

    @Inject
    StrategyService strategy;

    @GET
    @Path("/next-attempts.csv")
    @Produces("text/csv")
    @Blocking
    public Response export(@QueryParam("campaignId") String campaignId) {
        StrategyService.Export export = strategy.export(campaignId);
        StreamingOutput body = out -> strategy.writeCsv(export, out);
        String day = OffsetDateTime.now().toLocalDate().toString();
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"next-attempts-" + day + ".csv\"").build();
    }
}
