package io.callsight.scorecards;

import io.callsight.security.Access;
import io.callsight.security.Roles;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;


/** Agent scorecards: KPIs, composite score, tiers, bottlenecks. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
public class ScorecardGraphQLApi {

    @Inject
    ScorecardService service;

    @Inject
    ScorecardConfig config;

    @Query("agentScorecards")
    @Description("Scorecards per AGENT (default), TEAM or OVERALL, optionally per DAY, WEEK or MONTH (trends); best first")
    public @NonNull List<@NonNull AgentScorecard> agentScorecards(@Name("filter") ScorecardFilter filter,
            @Name("groupBy") ScorecardGroup groupBy, @Name("bucket") ScorecardBucket bucket) {
        return service.scorecards(filter, groupBy, bucket);
    }

    @Query("agentTiers")
    @Description("The tiers (highest first) and the composite score's weights and targets, as configured")
    public @NonNull ScorecardSettings agentTiers() {
        ScorecardRules rules = new ScorecardRules(config);
        return new ScorecardSettings(rules.weightList(), rules.tiers(), rules.targetAht(), rules.targetAcw());
    }

    @Query("agentBottlenecks")
    @Description("Agents, and agent-days, whose AHT or ACW stands out from their team, with the reason")
    public @NonNull List<@NonNull AgentBottleneck> agentBottlenecks(@Name("filter") ScorecardFilter filter) {
        return service.bottlenecks(filter);
    }
}
