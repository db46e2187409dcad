package io.callsight.feeds;

import java.util.List;

import io.callsight.security.Access;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.feeds.FeedAdminService.AdvertiserRef;
import io.callsight.security.Audited;
import io.callsight.security.Roles;

/** Advertiser feed settings, webhooks and their delivery log (admins; an advertiser reads its own). */
@GraphQLApi
@Audited
@Access(Roles.ADMIN)
public class FeedAdminGraphQLApi {

    @Inject
    FeedAdminService feeds;

    @Query("advertiserSettings")
    @Description("An advertiser's feed settings and webhook (never its secret). ADMIN, or the advertiser itself.")
    @Access({ Roles.ADMIN, Roles.ADVERTISER })
    public @NonNull AdvertiserSettings advertiserSettings(@Name("advertiserId") @NonNull String advertiserId) {
        return feeds.settings(readable(advertiserId));
    }

    @Mutation("setAdvertiserSettings")
    @Description("Sets an advertiser's time zone (IANA name or offset) and return window (days, 0 or more); a null "
            + "argument keeps the current value")
    @Access(Roles.ADMIN)
    public @NonNull AdvertiserSettings setAdvertiserSettings(@Name("advertiserId") @NonNull String advertiserId,
            @Name("timeZone") String timeZone, @Name("returnWindowDays") Integer returnWindowDays) {
        return feeds.setSettings(feeds.advertiser(advertiserId), timeZone, returnWindowDays);
    }

    @Mutation("setWebhook")
    @Description("Creates or replaces an advertiser's webhook. On creation a signing secret is generated and returned "
            + "once in newSecret; a replaced webhook keeps its secret.")
    @Access(Roles.ADMIN)
    public @NonNull WebhookUpdate setWebhook(@Name("advertiserId") @NonNull String advertiserId,
            @Name("webhook") @NonNull WebhookInput webhook) {
        return feeds.setWebhook(feeds.advertiser(advertiserId), webhook);
    }

    @Mutation("rotateWebhookSecret")
    @Description("Replaces the webhook's signing secret and returns the new one, shown only this once; deliveries "
            + "are signed with it from now on")
    @Access(Roles.ADMIN)
    public @NonNull String rotateWebhookSecret(@Name("advertiserId") @NonNull String advertiserId) {
        return feeds.rotateSecret(feeds.advertiser(advertiserId));
    }

    @Query("webhookDeliveries")
    @Description("The webhook delivery log of an advertiser, newest first. ADMIN, or the advertiser itself.")
    @Access({ Roles.ADMIN, Roles.ADVERTISER })
    public @NonNull WebhookAttemptConnection webhookDeliveries(@Name("advertiserId") @NonNull String advertiserId,
            @Name("first") Integer first, @Name("after") String after) {
        return feeds.deliveries(readable(advertiserId), first, after);
    }

    @Query("feedStatus")
    @Description("Counts of an advertiser's feed by delivery state. ADMIN, or the advertiser itself.")
    @Access({ Roles.ADMIN, Roles.ADVERTISER })
    public @NonNull FeedStatus feedStatus(@Name("advertiserId") @NonNull String advertiserId) {
        return feeds.status(readable(advertiserId));
    }

    @Mutation("redeliverLeads")
    @Description("Sends leads of the advertiser again (back to PENDING, due now, same idempotency keys); returns how "
            + "many were requeued (seqs of other advertisers are ignored)")
    @Access(Roles.ADMIN)
    public int redeliverLeads(@Name("advertiserId") @NonNull String advertiserId,
            @Name("seqs") @NonNull List<@NonNull Long> seqs) {
        return feeds.redeliver(feeds.advertiser(advertiserId), seqs);
    }

    @Mutation("redeliverBatch")
    @Description("Sends every lead of a logged batch again (back to PENDING, due now, same idempotency keys); returns "
            + "how many were requeued")
    @Access(Roles.ADMIN)
    public int redeliverBatch(@Name("batchId") @NonNull String batchId) {
        return feeds.redeliverBatch(batchId);
    }

    @Mutation("sendTestEvent")
    @Description("POSTs a signed {\"type\":\"test\"} event to the advertiser's webhook now and returns the logged "
            + "attempt (outcome TEST, with the HTTP status or error)")
    @Access(Roles.ADMIN)
    public @NonNull WebhookAttempt sendTestEvent(@Name("advertiserId") @NonNull String advertiserId) {
        return feeds.sendTestEvent(feeds.advertiser(advertiserId));
    }

    private AdvertiserRef readable(String advertiserId) {
        return feeds.readable(advertiserId);
    }
}
