package io.callsight.feeds;

import java.math.BigInteger;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("HeldLead")
@Description("A feed lead held back from its advertiser because its verifying call broke a calling rule; delivered "
        + "only after an ADMIN releases it")
public record HeldLead(@NonNull BigInteger seq, @NonNull String leadId, @NonNull String advertiserId,
        @NonNull String campaignId, @NonNull String callId, @NonNull OffsetDateTime verifiedAt,
        @Description("Masked for ANALYST") String phone,
        @Description("The rules the verifying call broke") @NonNull String reason, @NonNull OffsetDateTime heldAt,
        OffsetDateTime releasedAt, String releasedBy, String releaseReason) {
}
