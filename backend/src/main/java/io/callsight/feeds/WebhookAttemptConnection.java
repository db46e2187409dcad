package io.callsight.feeds;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("WebhookAttemptConnection")
@Description("Webhook attempts, newest first")
public record WebhookAttemptConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Type("WebhookAttemptEdge")
    public record Edge(@NonNull String cursor, @NonNull WebhookAttempt node) {
    }
}
