package io.callsight.feeds;

import java.math.BigInteger;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("VerifiedLead")
@Description("A call-verified, qualified lead in its advertiser's feed")
public record VerifiedLead(
        @Description("The feed's sequence number: increasing in the order leads entered the feed") @NonNull BigInteger seq,
        @NonNull String leadId, @NonNull String advertiserId, @NonNull String campaignId, String campaignName,
        @Description("Dial time of the verifying call") @NonNull OffsetDateTime verifiedAt,
        @Description("The verifying call") @NonNull String callId, String agentId, String agentName,
        @Description("Customer talk seconds of the verifying call") Double talkSeconds,
        @Description("Attempt number of the verifying call") Integer attempt,
        @Description("The lead's phone number; masked for ANALYST") String phone,
        @Description("Push delivery: PENDING, DELIVERED, REJECTED or DEAD") @NonNull String deliveryStatus,
        OffsetDateTime deliveredAt, OffsetDateTime returnedAt, String returnReason,
        @Description("The advertiser may return the lead until then") @NonNull OffsetDateTime returnableUntil,
        @Description("Sent with every delivery of this lead, so a receiver can drop repeats") @NonNull String idempotencyKey) {
}
