package io.callsight.live;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A lead of an advertiser's feed as it enters the feed or its delivery changes. */
@Type("FeedActivity")
@Description("A lead entering an advertiser's feed, or a change of its delivery (status PENDING, DELIVERED, "
        + "REJECTED or DEAD; attempts; last HTTP status)")
public record FeedActivity(@NonNull String advertiserId, @NonNull Long seq, @NonNull String leadId,
        @NonNull String callId, String campaignId, @NonNull OffsetDateTime verifiedAt, @NonNull String status,
        int attempts, OffsetDateTime deliveredAt, Integer lastHttpStatus, @NonNull OffsetDateTime changedAt) {
}
