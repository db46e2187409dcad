package io.callsight.live;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A verified lead that entered an advertiser's feed. */
@Type("LiveLead")
public record LiveLead(@NonNull String callId, @NonNull String leadId, String campaignId, String campaignName,
        String advertiserId, String agentId, @NonNull OffsetDateTime verifiedAt) {
}
