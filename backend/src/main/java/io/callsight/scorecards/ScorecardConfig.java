package io.callsight.scorecards;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The composite score's weights, the handle-time targets and the tiers (callsight.scorecard.*, documented in
 * the README); {@link ScorecardRules} reads them.
 */
@ConfigMapping(prefix = "callsight.scorecard")
public interface ScorecardConfig {

    /** KPI weights, {@code kpi:weight} comma-separated (adherence, quality, csat, fcr, aht, acw). */
    @WithDefault("adherence:0.2,quality:0.25,csat:0.2,fcr:0.2,aht:0.1,acw:0.05")
    String weights();

    /** Tiers, {@code name:lowest score} comma-separated. */
    @WithDefault("Top Performer:92,Exceeds Expectations:85,Meets Expectations:75,Needs Coaching:0")
    String tiers();

    /** The AHT that scores 100; longer handle times score 100 x target / actual. */
    @WithDefault("300")
    double targetAhtSeconds();

    /** The ACW that scores 100; longer wrap-ups score 100 x target / actual. */
    @WithDefault("60")
    double targetAcwSeconds();
}
