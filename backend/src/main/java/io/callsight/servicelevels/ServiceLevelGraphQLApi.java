package io.callsight.servicelevels;

import io.callsight.security.Access;
import io.callsight.security.Roles;
import io.callsight.security.Audited;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.common.BadInputException;
import io.callsight.staffing.StaffingMode;
import io.callsight.staffing.StaffingTargets;

/** Contact-centre queue metrics (from metric files so far). */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
@Audited
public class ServiceLevelGraphQLApi {

    @Inject
    ServiceMetricQueryService service;

    @Inject
    StaffingBacktest backtest;

    @Inject
    QueuePlanService plans;

    @Query("queueStaffingPlan")
    @Description("A queue's offered calls for the next days (forecast from its daily history with the forecasting "
            + "engine) and, with a call log, the agents per interval (ERLANG_A by default, with the patience estimated "
            + "from the abandonments; or ERLANG_C). Targets default to service level 0.8 within the queue's T, shrinkage 0.3.")
    public @NonNull QueuePlan queueStaffingPlan(@Name("queue") @NonNull String queue,
            @Name("horizonDays") Integer horizonDays, @Name("intervalMinutes") Integer intervalMinutes,
            @Name("mode") StaffingMode mode,
            @Name("targets") StaffingTargets targets) {
        return plans.plan(queue.strip(), horizonDays, intervalMinutes, mode, targets);
    }

    @Query("staffingBacktest")
    @Description("Per past hour of a queue's call log (hours with at least minCalls offered calls, default 10): the "
            + "agents who served, arrivals, handle time, and Erlang C / Erlang A predictions against what happened, "
            + "with each model's error")
    public @NonNull StaffingBacktestResult staffingBacktest(@Name("queue") @NonNull String queue,
            @Name("from") LocalDate from, @Name("to") @Description("exclusive") LocalDate to,
            @Name("minCalls") Integer minCalls) {
        return backtest.run(queue.strip(), from, to, minCalls);
    }

    @Query("serviceMetrics")
    @Description("Offered, handled, abandoned, ASA, service level, handling and abandonment rates per DAY, WEEK or MONTH "
            + "and queue (WEEK starts Monday). Monthly source rows appear in MONTH buckets only.")
    public @NonNull List<@NonNull ServiceMetricRow> serviceMetrics(@Name("filter") ServiceMetricFilter filter, @Name("bucket") ServiceBucket bucket,
            @Name("queue") String queue) {
        return service.metrics(filter, bucket, queue);
    }

    @Query("serviceQueues")
    @Description("Queues with their service-level target, short-abandon rule and the days their data covers")
    public @NonNull List<@NonNull ServiceQueue> serviceQueues() {
        return service.queues();
    }

    @Query("serviceMetricConflicts")
    @Description("Periods listed more than once with different values, with every version and the one counted")
    public @NonNull List<@NonNull ServiceMetricConflict> serviceMetricConflicts(@Name("queue") String queue) {
        return service.conflicts(queue);
    }

    @Access(Roles.ADMIN)
    @Mutation("setQueueTargets")
    @Description("The queue's service-level target T (answered within T seconds) and its short-abandon threshold "
            + "(abandons sooner than this leave the service-level denominator; 0: every abandon counts)")
    public @NonNull String setQueueTargets(@Name("queue") @NonNull String queue,
            @Name("answerWithinSeconds") Double answerWithinSeconds, @Name("shortAbandonSeconds") Double shortAbandonSeconds) {
        service.setTargets(queue.strip(), answerWithinSeconds, shortAbandonSeconds);
        return queue.strip();
    }

    @Access(Roles.ADMIN)
    @Mutation("chooseServiceMetric")
    @Description("Counts this version of its period instead of the others")
    public ServiceMetricConflict chooseServiceMetric(@Name("metricId") @Id @NonNull String metricId) {
        try {
            return service.choose(Long.parseLong(metricId.strip()));
        } catch (NumberFormatException e) {
            throw new BadInputException("Not a metric id: '" + metricId + "'");
        }
    }
}
