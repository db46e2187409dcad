package io.callsight.calls;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Retention and data protection of the call data ({@code callsight.retention.*}; environment
 * {@code CALLSIGHT_RETENTION_CALL_MONTHS} and so on). Unset: everything is kept as it came.
 */
@ConfigMapping(prefix = "callsight.retention")
public interface RetentionConfig {

    /**
     * Calls are kept for this many whole months before the current one: a month's partition is dropped
     * (with its rollup rows, conversions and feed rows) once it ends before the first day of the month
     * that many months back (UTC). 12 keeps the current month and the 12 before it. Empty: kept forever.
     */
    Optional<Integer> callMonths();

    /**
     * Phone numbers (the call's from and to numbers, the feed row's phone) of calls dialled more than this
     * many days ago are replaced by {@code sha256:} and the hex SHA-256 of the salt and the number's digits:
     * the same number always gives the same value, so grouping and matching by number keep working.
     * Empty: numbers are kept.
     */
    Optional<Integer> phoneHashDays();

    /**
     * The salt of the number hash. Empty: a random salt is made once and kept in the database
     * ({@code app_state}), so every instance hashes a number alike.
     */
    Optional<String> phoneHashSalt();

    /** When retention is applied (Quarkus cron: sec min hour day month weekday; read by the {@code @Scheduled} expression). */
    @WithDefault("0 15 3 * * ?")
    String cron();
}
