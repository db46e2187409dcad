package io.callsight.strategy;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.callsight.reports.CallNode;
import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.CurrentUser;
import io.callsight.security.Roles;

/** Dial smarter: when to call, when to stop, and the next attempt of each open lead (ARCHITECTURE §9). */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
@Audited
public class StrategyGraphQLApi {

    @Inject
    StrategyService strategy;

    @Inject
    CurrentUser user;

    @Query("bestTimeToCall")
    @Description("The lead's local hours 0-23 ranked best first by expected connects per dial (the newest contact "
            + "model, refitted with the forecasts), each with its 80% interval and the dials behind it; every argument "
            + "optional (campaign, the lead's two-letter state, attempt number)")
    public @NonNull List<@NonNull HourRecommendation> bestTimeToCall(@Name("campaignId") String campaignId,
            @Name("state") String state, @Name("attempt") Integer attempt) {
        return strategy.bestTimeToCall(campaignId, state, attempt);
    }

    @Query("bestTimeHeatmap")
    @Description("Expected connects per dial by the lead's local hour and weekday (168 cells), with the 80% interval "
            + "and the dials behind each cell; same arguments as bestTimeToCall")
    public @NonNull List<@NonNull BestTimeCell> bestTimeHeatmap(@Name("campaignId") String campaignId,
            @Name("state") String state, @Name("attempt") Integer attempt) {
        return strategy.heatmap(campaignId, state, attempt);
    }

    @Query("nextAttempt")
    @Description("When to call this lead next (a time and the lead's local hour) and the expected chance, or STOP with "
            + "the reason (converted, opted out, closed, attempt policy reached)")
    public @NonNull NextAttempt nextAttempt(@Name("leadId") @NonNull String leadId) {
        return strategy.nextAttempt(leadId, Instant.now());
    }

    @Name("nextAttempt")
    @Description("The lead's next attempt as of now (see the nextAttempt query), resolved for every call of a page in "
            + "one go; null when the lead is out of your scope")
    public List<NextAttempt> callNextAttempt(@Source List<CallNode> calls) {
        return strategy.nextAttemptsOf(calls.stream().map(CallNode::leadId).toList(), Instant.now());
    }

    @Query("nextAttempts")
    @Description("The recommended next attempt of every open lead (dialled within the last callsight.strategy."
            + "open-lead-days, not stopped), by lead, for the dialer's list loader; also as CSV: "
            + "GET /api/strategy/next-attempts.csv")
    public @NonNull NextAttemptConnection nextAttempts(@Name("campaignId") String campaignId,
            @Name("first") Integer first, @Name("after") String after) {
        return strategy.nextAttempts(campaignId, first, after, Instant.now());
    }

    @Query("attemptPolicy")
    @Description("The attempt number after which expected conversions per dial fall below the threshold (given here, "
            + "else the one set by setAttemptPolicy, else the configured default): minConversionsPerDial, or "
            + "agentMinuteCost with conversionValue (a dial pays while expected conversions x value >= its agent "
            + "minutes x cost); with what stopping there would have saved and lost on the history")
    public @NonNull AttemptPolicy attemptPolicy(@Name("campaignId") String campaignId,
            @Name("minConversionsPerDial") Double minConversionsPerDial,
            @Name("agentMinuteCost") Double agentMinuteCost, @Name("conversionValue") Double conversionValue) {
        return strategy.attemptPolicy(campaignId, minConversionsPerDial, agentMinuteCost, conversionValue);
    }

    @Access({ Roles.ADMIN, Roles.ANALYST })
    @Query("contactModel")
    @Description("The newest contact model: its history and out-of-sample validation (calibration, lift over calling "
            + "order); null before the first forecast refresh with calls")
    public ContactModelSummary contactModel() {
        return strategy.contactModel();
    }

    @Access(Roles.ADMIN)
    @Mutation("setAttemptPolicy")
    @Description("Sets the attempt policy's threshold of a campaign (or, without campaignId, of every campaign without "
            + "its own): minConversionsPerDial, or agentMinuteCost with conversionValue")
    public @NonNull AttemptPolicy setAttemptPolicy(@Name("campaignId") String campaignId,
            @Name("minConversionsPerDial") Double minConversionsPerDial,
            @Name("agentMinuteCost") Double agentMinuteCost, @Name("conversionValue") Double conversionValue) {
        return strategy.setAttemptPolicy(campaignId, minConversionsPerDial, agentMinuteCost, conversionValue,
                user.name());
    }
}
