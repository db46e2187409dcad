package io.callsight.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo data (callsight.demo.*). */
@ConfigMapping(prefix = "callsight.demo")
public interface DemoConfig {

    /** auto: generate once when the application runs its own embedded database; on: always; off: never. */
    @WithDefault("auto")
    String mode();

    /** Demo calls generated. */
    @WithDefault("300000")
    int calls();

    /** Days the demo calls cover, up to today. */
    @WithDefault("90")
    int days();

    /** Seed of every demo generator: the same seed gives the same data. */
    @WithDefault("20261123")
    long seed();

    /**
     * The demo floor's clock (its opening hours and shifts): a US floor in Central time, whatever the business time
     * zone reports are cut in, so that its leads in every US zone can be reached within their own calling hours.
     */
    @WithDefault("America/Chicago")
    String floorTimeZone();

    /** Daily demo CRM snapshots, up to today (0: none). */
    @WithDefault("14")
    int crmDays();
}
