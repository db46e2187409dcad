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

import io.callsight.scorecards.ScorecardTypes.Bottleneck;
import io.callsight.scorecards.ScorecardTypes.Row;

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
    public @NonNull List<@NonNull Row> agentScorecards(@Name("filter") ScorecardTypes.Filter filter,
            @Name("groupBy") ScorecardTypes.Group groupBy, @Name("bucket") ScorecardTypes.Bucket bucket) {
        return service.scorecards(filter, groupBy, bucket);
    }

    @Query("agentTiers")
    @Description("The tiers (highest first) and the composite score's weights and targets, as configured")
    public @NonNull ScorecardTypes.Settings agentTiers() {
        return new ScorecardTypes.Settings(config.weightList(), config.tiers(), config.targetAht(), config.targetAcw());
    }

    @Query("agentBottlenecks")
    @Description("Agents, and agent-days, whose AHT or ACW stands out from their team, with the reason")
    public @NonNull List<@NonNull Bottleneck> agentBottlenecks(@Name("filter") ScorecardTypes.Filter filter) {
        return service.bottlenecks(filter);
    }
}
