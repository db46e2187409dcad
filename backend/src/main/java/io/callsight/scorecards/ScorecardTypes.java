package io.callsight.scorecards;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Type;

public final class ScorecardTypes {

    private ScorecardTypes() {
    }

    @Input("ScorecardFilter")
    @Description("Calendar days; to is exclusive")
    public record Filter(LocalDate from, LocalDate to, List<String> teams, List<String> agentIds) {
    }

    @Name("ScorecardGroup")
    public enum Group {
        AGENT, TEAM, OVERALL
    }

    @Name("ScorecardBucket")
    public enum Bucket {
        DAY, WEEK, MONTH
    }

    @Type("AgentScorecard")
    @Description("KPI means over the days in the group (each day counts once); compositeScore is the configured "
            + "weighted mean of the KPIs on 0-100 (see agentTiers); tier by the configured thresholds")
    public record Row(@Description("Start of the bucket; null without one") LocalDate periodStart, String agentId,
            String agentName, String team, int days,
            @Description("Share 0-1") Double adherence, @Description("0-100") Double qualityScore,
            @Description("0-100") Double csat, @Description("Share 0-1") Double fcr, Double ahtSeconds, Double acwSeconds,
            @Description("The agent's AHT in the outbound call data over the same days (AGENT grouping only)") Double outboundAhtSeconds,
            Double compositeScore, String tier) {
    }

    @Type("AgentBottleneck")
    @Description("An agent (day null) or an agent-day whose AHT or ACW stands out from the team: robust z = "
            + "(value - team median) / (1.4826 x MAD) above 3.5 and the value at least 15% above the median, the team "
            + "having at least 3 agents")
    public record Bottleneck(String agentId, String agentName, String team, LocalDate day, String metric, double value,
            double teamMedian, double robustZ, String reason) {
    }

    @Type("ScorecardSettings")
    public record Settings(List<ScorecardConfig.Weight> weights, List<ScorecardConfig.Tier> tiers, double targetAhtSeconds,
            double targetAcwSeconds) {
    }
}
