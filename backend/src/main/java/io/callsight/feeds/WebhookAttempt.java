package io.callsight.feeds;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WebhookAttempt")
@Description("One POST to an advertiser's webhook: a batch of leads, or a test event")
public record WebhookAttempt(
        @NonNull @Id @Description("Attempt id") String id,
        @NonNull @Description("Batch id (X-Callsight-Batch-Id); a retried lead goes out in a new batch") String batchId,
        @NonNull @Description("When the POST started") OffsetDateTime attemptedAt,
        @Description("Leads in the batch (0 for a test event)") int leadCount,
        @NonNull @Description("Feed sequence numbers of the leads") List<@NonNull Long> seqs,
        @Description("HTTP status answered; null when there was no answer (timeout, connection refused)") Integer httpStatus,
        @NonNull @Description("DELIVERED (2xx), REJECTED (4xx), FAILED (retried later) or TEST") String outcome,
        @Description("Why it failed or was rejected (status and the start of the receiver's answer)") String error,
        @Description("Duration of the POST, milliseconds") Integer durationMs) {
}
