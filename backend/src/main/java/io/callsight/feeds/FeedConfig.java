package io.callsight.feeds;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Push delivery of the advertiser feeds ({@code callsight.feed.*}). */
@ConfigMapping(prefix = "callsight.feed")
public interface FeedConfig {

    /** Whether the scheduled worker delivers (the admin operations work either way). */
    @WithDefault("true")
    boolean deliveryEnabled();

    /** How often the worker looks for due leads (also read by the {@code @Scheduled} expression). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed lead stays claimed: after a crash between sending and recording it is resent then. */
    @WithDefault("60s")
    Duration lease();

    /** Retry backoff after a failed attempt: full jitter over min(retryMax, retryBase x 2^(attempts-1)). */
    @WithDefault("2s")
    Duration retryBase();

    @WithDefault("10m")
    Duration retryMax();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration requestTimeout();

    /** Advertisers delivered to at the same time. */
    @WithDefault("4")
    int parallelAdvertisers();

    /** Longest run of one scheduled pass before it yields to the next tick (which picks up new advertisers). */
    @WithDefault("30s")
    Duration maxPassTime();
}
