package io.callsight.live;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The floor's headline numbers over a window, with the metric catalog's names and definitions. */
@Type("LiveMetrics")
@Description("Calls, connects, conversions and qualified leads over a window (metric catalog definitions: "
        + "connectRate = callsConnected / totalCalls, conversionRate = leadsConverted / uniqueLeads, null when 0/0)")
public record LiveMetrics(@NonNull Long totalCalls, @NonNull Long uniqueLeads, @NonNull Long callsConnected,
        @NonNull Long leadsConverted, @NonNull Long qualifiedLeads, Double connectRate, Double conversionRate) {

    static final LiveMetrics ZERO = new LiveMetrics(0L, 0L, 0L, 0L, 0L, null, null);
}
