package io.callsight.staffing;

import io.callsight.security.Access;
import io.callsight.security.Roles;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.BadInputException;

/** One inbound interval, both directions: service for N agents, agents for a service target. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
public class StaffingGraphQLApi {

    @Type("ServiceLevelResult")
    @Description("What N agents give in one interval (Erlang C, or Erlang A when a patience is given)")
    public record ServiceLevelResult(
            @Description("Share of calls answered within the target time; abandoned calls count as not answered")
            double serviceLevel,
            @Description("Average speed of answer of answered calls, seconds; null when unstable") Double asaSeconds,
            @Description("Share of agent time busy with calls") double occupancy,
            @Description("Probability a call waits") double probWait,
            @Description("Probability a call abandons (Erlang A; 0 for Erlang C)") double probAbandon,
            @Description("False when traffic is at or above the agents in Erlang C: the queue grows without bound")
            boolean stable) {
    }

    @Type("RequiredAgentsResult")
    @Description("The fewest agents that hold the targets in one interval, and what they give")
    public record RequiredAgentsResult(int agents,
            @Description("agents / (1 - shrinkage), rounded up: the agents to schedule") int agentsWithShrinkage,
            double serviceLevel, Double asaSeconds, double occupancy, double probWait, double probAbandon) {
    }

    @jakarta.inject.Inject
    StaffingPlanService plans;

    @Query("staffingPlan")
    @Description("Agents per interval and per day over the forecast period (default: all of it), from the stored daily "
            + "call forecast spread by the weekday's intraday profile; each interval shows its inputs and outputs")
    public @NonNull StaffingPlanService.Plan staffingPlan(@Name("from") java.time.LocalDate from,
            @Name("to") @Description("exclusive") java.time.LocalDate to,
            @Name("intervalMinutes") @DefaultValue("30") int intervalMinutes,
            @Name("mode") @DefaultValue("ERLANG_C") StaffingPlanService.Mode mode,
            @Name("targets") StaffingPlanService.Targets targets) {
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
