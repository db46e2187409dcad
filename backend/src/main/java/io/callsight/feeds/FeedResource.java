package io.callsight.feeds;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.callsight.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/feeds/leads.csv?since=<seq>}: the caller's feed after a sequence number, as CSV. */
@Path("/api/feeds")
@RolesAllowed({ Roles.ADMIN, Roles.ADVERTISER })
public class FeedResource {

    @Inject
    FeedService feed;

    @GET
    @Path("/leads.csv")
    @Blocking
    public Response leads(@QueryParam("since") String since, @QueryParam("advertiserId") String advertiserId) {
        long after = FeedService.seqOf(since, "since");
        FeedService.CsvRequest request = feed.csvRequest(advertiserId);
        StreamingOutput body = out -> feed.writeCsv(request, after, out);
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"verified-leads-since-" + after + ".csv\"").build();
    }
}
