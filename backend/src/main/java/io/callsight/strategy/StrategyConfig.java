package io.callsight.strategy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dialling strategy: the contact model and its recommendations ({@code callsight.strategy.*}). */
@ConfigMapping(prefix = "callsight.strategy")
public interface StrategyConfig {

    /**
     * Whether every completed forecast refresh refits the contact model (off in the test profile: the other tests'
     * refreshes need no model, the strategy tests refit it themselves).
     */
    @WithDefault("true")
    boolean refreshWithForecasts();

    /** Days of dials the contact model is fitted on (refreshed with the forecasts). */
    @WithDefault("180")
    int historyDays();

    /** Weeks at the end of the history predicted out of sample, each from the weeks before it. */
    @WithDefault("4")
    int validationWeeks();

    /**
     * The attempt policy when a manager set none (setAttemptPolicy): stop once expected conversions per dial fall
     * below this.
     */
    @WithDefault("0.02")
    double minConversionsPerDial();

    /** A lead whose last dial is older than this many days is no longer an open lead for the next-attempt export. */
    @WithDefault("30")
    int openLeadDays();

    /** The first and last local hour a next attempt may start in (08:00-20:59: the federal 8 am to 9 pm window). */
    @WithDefault("8")
    int firstLocalHour();

    @WithDefault("20")
    int lastLocalHour();

    /** Least time between two dials to a lead that nextAttempt proposes. */
    @WithDefault("60")
    int minGapMinutes();

    /** Days ahead nextAttempt looks for a time. */
    @WithDefault("7")
    int lookAheadDays();

    /**
     * nextAttempt takes the earliest time whose expected connect rate is at least this share of the best one within
     * the look-ahead: waiting days for a point more of connect rate is not worth it.
     */
    @WithDefault("0.9")
    double nearBestShare();
}
