package io.callsight.feeds;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WebhookUpdate")
@Description("The webhook after setWebhook")
public record WebhookUpdate(
        @NonNull @Description("The webhook as stored") Webhook webhook,
        @Description("The signing secret, generated when the webhook was created by this call; shown only this once, "
                + "null otherwise") String newSecret) {
}
