package io.callsight.staffing;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.BadInputException;
import io.callsight.security.Access;
import io.callsight.security.Roles;

/** One inbound interval, both directions: service for N agents, agents for a service target. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
public class StaffingGraphQLApi {

    @Inject
    StaffingPlanService plans;

    @Query("staffingPlan")
    @Description("Agents per interval and per day over the forecast period (default: all of it), from the stored daily "
            + "call forecast spread by the weekday's intraday profile; each interval shows its inputs and outputs")
    public @NonNull StaffingPlan staffingPlan(@Name("from") LocalDate from,
            @Name("to") @Description("exclusive") LocalDate to,
            @Name("intervalMinutes") @DefaultValue("30") int intervalMinutes,
            @Name("mode") @DefaultValue("ERLANG_C") StaffingMode mode,
            @Name("targets") StaffingTargets targets) {
        return plans.plan(from, to, intervalMinutes, mode, targets);
    }

    @Query("serviceLevelFor")
    @Description("Service level, ASA, occupancy, P(wait) and P(abandon) for a number of agents in one interval. "
            + "With patienceSeconds the model is Erlang A (callers abandon), without it Erlang C.")
    public @NonNull ServiceLevelResult serviceLevelFor(@Name("agents") @NonNull Integer agents,
            @Name("callsPerInterval") @NonNull Double callsPerInterval, @Name("ahtSeconds") @NonNull Double ahtSeconds,
            @Name("intervalMinutes") @NonNull Integer intervalMinutes,
            @Name("answerWithinSeconds") @NonNull Double answerWithinSeconds,
            @Name("patienceSeconds") Double patienceSeconds) {
        try {
            QueueModel.Outcome o = new QueueModel(callsPerInterval, ahtSeconds, intervalMinutes, patienceSeconds)
                    .evaluate(agents, answerWithinSeconds);
            return new ServiceLevelResult(o.serviceLevel(), o.asaSeconds(), o.occupancy(), o.probWait(),
                    o.probAbandon(), o.stable());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    @Query("requiredAgents")
    @Description("The fewest agents for a service-level target (X% answered within T seconds), a maximum occupancy "
            + "and a maximum abandon rate, before and after shrinkage. With patienceSeconds the model is Erlang A, "
            + "without it Erlang C.")
    public @NonNull RequiredAgentsResult requiredAgents(@Name("callsPerInterval") @NonNull Double callsPerInterval,
            @Name("ahtSeconds") @NonNull Double ahtSeconds, @Name("intervalMinutes") @NonNull Integer intervalMinutes,
            @Name("answerWithinSeconds") @NonNull Double answerWithinSeconds,
            @Name("targetServiceLevel") @NonNull Double targetServiceLevel,
            @Name("maxOccupancy") Double maxOccupancy,
            @Name("shrinkage") @DefaultValue("0") Double shrinkage,
            @Name("patienceSeconds") Double patienceSeconds,
            @Name("maxAbandonRate") Double maxAbandonRate) {
        try {
            QueueModel model = new QueueModel(callsPerInterval, ahtSeconds, intervalMinutes, patienceSeconds);
            AgentRequirement.Result r = AgentRequirement.find(model, answerWithinSeconds, targetServiceLevel,
                    maxOccupancy, shrinkage, maxAbandonRate);
            QueueModel.Outcome o = r.outcome();
            return new RequiredAgentsResult(r.agents(), r.agentsWithShrinkage(), o.serviceLevel(), o.asaSeconds(),
                    o.occupancy(), o.probWait(), o.probAbandon());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
