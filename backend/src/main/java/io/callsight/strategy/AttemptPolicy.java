package io.callsight.strategy;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Where to stop dialling a lead, and what it would have meant on the history. */
@Type("AttemptPolicy")
@Description("The attempt number after which expected conversions per dial fall below the threshold, and what "
        + "stopping there would have saved (dials, agent hours) and lost (conversions) on the model's history")
public record AttemptPolicy(@Description("null: every campaign in your scope") String campaignId,
        @NonNull @Description("ARGUMENT (given in the query), STORED (setAttemptPolicy) or DEFAULT (configuration)")
        String thresholdSource,
        Double minConversionsPerDial, Double agentMinuteCost, Double conversionValue,
        @Description("Dial a lead at most this many times; null when every attempt of the history pays, 0 when not "
                + "even the first does") Integer stopAfterAttempt,
        @NonNull List<@NonNull AttemptStep> attempts,
        @NonNull @Description("Dials of the history after the stop") long savedDials,
        @NonNull double savedAgentHours,
        @NonNull @Description("Conversions the history made after the stop") long lostConversions,
        @NonNull long keptConversions, @NonNull long totalDials) {
}
