package io.callsight.reports;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.callsight.common.BadInputException;
import io.callsight.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/calls/export.csv}: every call of a filter as CSV, streamed from the database. The parameters are
 * the fields of the {@code calls} query's {@code CallFilter} ({@code from}, {@code to} as ISO-8601 with offset; the
 * lists repeated: {@code campaignIds=a&campaignIds=b}); scope and number masking are the call list's.
 */
@Path("/api/calls")
@RolesAllowed({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
public class CallExportResource {

    @Inject
    CallListService calls;

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Blocking
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("campaignIds") List<String> campaignIds, @QueryParam("advertiserIds") List<String> advertiserIds,
            @QueryParam("agentIds") List<String> agentIds, @QueryParam("callStatuses") List<String> callStatuses,
            @QueryParam("leadStatuses") List<String> leadStatuses) {
        CallFilter filter = new CallFilter();
        filter.from = time(from, "from");
        filter.to = time(to, "to");
        filter.campaignIds = campaignIds;
        filter.advertiserIds = advertiserIds;
        filter.agentIds = agentIds;
        filter.callStatuses = callStatuses;
        filter.leadStatuses = leadStatuses;
        CallListService.Export export = calls.export(filter);
        StreamingOutput body = out -> calls.writeCsv(export, out);
        String day = OffsetDateTime.now().toLocalDate().toString();
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"calls-" + day + ".csv\"").build();
    }

    private static OffsetDateTime time(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException(name + " must be an ISO-8601 time with offset, e.g. 2026-01-31T00:00:00Z (was '"
                    + value + "')");
        }
    }
}
