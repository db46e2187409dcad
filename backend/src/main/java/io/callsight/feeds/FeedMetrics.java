package io.callsight.feeds;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.DatabaseGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Feed delivery metrics. From the database (every instance sees the same): {@code callsight_feed_pending_leads}
 * (leads waiting for a webhook delivery, advertisers with an enabled webhook only) and
 * {@code callsight_feed_oldest_pending_age_seconds} (how long the oldest of them has waited; 0 when none). Counted
 * by this instance's worker: {@code callsight_feed_delivery_batches_total} and {@code callsight_feed_delivery_leads_total}
 * by {@code outcome} (delivered, rejected, failed).
 */
@ApplicationScoped
@Startup
public class FeedMetrics {

    private static final String PENDING = "FROM feed_lead f JOIN advertiser_webhook w ON w.advertiser_key = f.advertiser_key "
            + "AND w.enabled WHERE f.status = 'PENDING'";

    @Inject
    MeterRegistry registry;

    @Inject
    DatabaseGauges gauges;

    @PostConstruct
    void register() {
        gauges.register("callsight_feed_pending_leads", "Feed leads waiting for delivery to an enabled webhook", null,
                "SELECT count(*) " + PENDING);
        gauges.register("callsight_feed_oldest_pending_age_seconds",
                "Age of the oldest feed lead waiting for delivery (0 when none waits)", null,
                "SELECT coalesce(extract(epoch FROM now() - min(f.created_at)), 0) " + PENDING);
        for (WebhookSender.Outcome o : WebhookSender.Outcome.values()) {
            delivered(o, 0);
        }
    }

    /** Counts one delivery attempt of a batch of {@code leads} leads. */
    void delivered(WebhookSender.Outcome outcome, int leads) {
        String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("callsight_feed_delivery_batches_total").description("Webhook batch deliveries by outcome")
                .tag("outcome", tag).register(registry).increment(leads > 0 ? 1 : 0);
        Counter.builder("callsight_feed_delivery_leads_total").description("Leads in webhook deliveries by outcome")
                .tag("outcome", tag).register(registry).increment(leads);
    }
}
