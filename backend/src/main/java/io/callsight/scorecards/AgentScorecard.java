package io.callsight.scorecards;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AgentScorecard")
@Description("KPI means over the days in the group (each day counts once); compositeScore is the configured "
        + "weighted mean of the KPIs on 0-100 (see agentTiers); tier by the configured thresholds")
public record AgentScorecard(@Description("Start of the bucket; null without one") LocalDate periodStart, String agentId,
        String agentName, String team, int days,
        @Description("Share 0-1") Double adherence, @Description("0-100") Double qualityScore,
        @Description("0-100") Double csat, @Description("Share 0-1") Double fcr, Double ahtSeconds, Double acwSeconds,
        @Description("The agent's AHT in the outbound call data over the same days (AGENT grouping only)") Double outboundAhtSeconds,
        Double compositeScore, String tier) {
}
