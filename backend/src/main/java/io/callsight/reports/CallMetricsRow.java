package io.callsight.reports;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("CallMetricsRow")
@Description("One group of callMetrics: the group keys asked for in groupBy/bucket (others are null) and the "
        + "measures (only those selected are computed)")
public record CallMetricsRow(
        @Description("Start of the time bucket, in the asked time zone") OffsetDateTime bucketStart,
        String campaignId, String campaignName, String advertiserId, String advertiserName,
        String agentId, String agentName, String callStatus, String leadStatus,
        Integer attemptNumber,
        @Description("0-23 in the asked time zone") Integer hourOfDay,
        @Description("ISO day of week, 1 = Monday .. 7 = Sunday, in the asked time zone") Integer dayOfWeek,
        Long totalCalls, Long uniqueLeads, Long callsConnected, Long uniqueCallsConnected, Long leadsConverted,
        Long qualifiedLeads, Long leadsLost, Double avgAgentCallDuration, Double avgCustomerCallDuration,
        Double connectRate, Double conversionRate, Double successRate, Double aht) {
}
