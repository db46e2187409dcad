package io.callsight.compliance;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The compliance check ({@code callsight.compliance.*}; docs/operations.md). */
@ConfigMapping(prefix = "callsight.compliance")
public interface ComplianceConfig {

    /**
     * The server secret the do-not-call list's numbers are hashed with (HMAC-SHA-256 of the E.164 number);
     * {@code CALLSIGHT_DNC_SECRET}. Unset: one is generated at first start and kept in the database.
     */
    Optional<String> dncSecret();

    /** Zones a call whose lead has no known location is checked in (all of them: the strictest). */
    @WithDefault("America/New_York,America/Chicago,America/Denver,America/Phoenix,America/Los_Angeles")
    List<String> unknownLocationZones();

    /**
     * Whether a calling-hours violation found only because the lead's location is unknown (checked in every
     * zone above) also holds the lead back from the feed. Such violations are always reported.
     */
    @WithDefault("false")
    boolean holdUnknownLocation();

    /** Region numbers without a country code are read in (E.164 for the do-not-call hashes). */
    @WithDefault("US")
    String defaultPhoneRegion();
}
