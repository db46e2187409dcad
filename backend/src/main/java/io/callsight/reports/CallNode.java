package io.callsight.reports;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("Call")
@Description("One dial, with every stored field")
public record CallNode(String callId, String leadId, String campaignId, String campaignName, String advertiserId,
        String agentId, String agentName, String hid, String callStatus, String leadStatus,
        @Description("Agent's whole session for the call, seconds") Double agentCallDuration,
        @Description("Talk time with the customer, seconds") Double customerCallDuration,
        String fromNumber, String toNumber, Integer attemptNo, OffsetDateTime leadCreatedAt,
        OffsetDateTime updatedAt, Boolean connected, OffsetDateTime dialTime, Long ingestBatchId) {
}
