package io.callsight.live;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.common.ForbiddenException;
import io.callsight.reports.CallFilter;
import io.callsight.security.Access;
import io.callsight.security.AccessScope;
import io.callsight.security.CurrentUser;
import io.callsight.security.Roles;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/**
 * The live floor (ARCHITECTURE §9): subscriptions over WebSocket at /graphql (graphql-transport-ws,
 * credentials in the connection_init payload) and their polling twins. Roles and advertiser scoping
 * are checked when subscribing, as for queries: an ADVERTISER's floor covers only its advertiser and
 * carries no agents, and it may follow only its own feed.
 */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
public class LiveGraphQLApi {

    @Inject
    LiveHub hub;

    @Inject
    LiveFloorService floor;

    @Inject
    AgentStates agentStates;

    @Inject
    AccessScope scope;

    @Inject
    CurrentUser user;

    @Subscription("liveFloor")
    @Description("The floor now, pushed again (at most once a second) when it changes: today and the last 15 minutes "
            + "per campaign and in total, a sparkline, agents by state and the newest verified leads")
    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    public Multi<@NonNull LiveFloor> liveFloor(@Name("filter") CallFilter filter) {
        return hub.liveFloor(narrow(filter), !user.isAdvertiser());
    }

    @Query("liveFloorNow")
    @Description("The live floor once, for tools that poll")
    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    public @NonNull LiveFloor liveFloorNow(@Name("filter") CallFilter filter) {
        return floor.compute(narrow(filter), !user.isAdvertiser());
    }

    @Subscription("agentStates")
    @Description("Every agent's current state, since when, campaign, calls, conversions and pause time today; the "
            + "whole list is pushed again when any of it changes")
    public Multi<@NonNull List<@NonNull AgentStateRow>> agentStates() {
        return hub.agentStates();
    }

    @Query("agentStatesNow")
    @Description("The agents' current states once, for tools that poll")
    public @NonNull List<@NonNull AgentStateRow> agentStatesNow() {
        return agentStates.current(floor.todayStart(Instant.now()));
    }

    @Query("agentStateDays")
    @Description("Time in each state, pause time and occupancy per agent and day (CALLSIGHT_TIME_ZONE), from the "
            + "agent state events")
    public @NonNull List<@NonNull AgentStateDay> agentStateDays(@Name("from") @NonNull LocalDate from,
            @Name("to") @NonNull LocalDate to, @Name("agentIds") List<String> agentIds) {
        return agentStates.days(from, to, agentIds);
    }

    @Subscription("feedActivity")
    @Description("An advertiser's leads as they enter its feed, and each change of their delivery")
    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    public Multi<@NonNull FeedActivity> feedActivity(@Name("advertiserId") @NonNull String advertiserId) {
        String own = scope.advertiserId();
        if (own != null && !own.equals(advertiserId)) {
            throw new ForbiddenException("An advertiser follows only its own feed (" + own + ")");
        }
        return hub.feedActivity(advertiserId);
    }

    /**
     * The filter as the caller may see it, on a copy (an ADVERTISER's narrowed to its advertiser);
     * from and to are left out: the floor is always today.
     */
    private CallFilter narrow(CallFilter filter) {
        CallFilter given = CallFilter.orEmpty(filter);
        CallFilter f = new CallFilter();
        f.campaignIds = given.campaignIds;
        f.advertiserIds = scope.advertiserIds(given.advertiserIds);
        f.agentIds = given.agentIds;
        f.callStatuses = given.callStatuses;
        f.leadStatuses = given.leadStatuses;
        return f;
    }
}
