package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("DispositionRow")
@Description("Calls per status: count and share of all calls in the filter")
public record DispositionRow(@Description("The normalised status; null for calls without one") String status,
        @Description("Calls with this status") long count,
        @Description("count / all calls in the filter") Double share) {
}
