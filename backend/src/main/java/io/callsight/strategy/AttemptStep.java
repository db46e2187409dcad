package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One attempt number of the attempt curve. */
@Type("AttemptStep")
@Description("The dials made at one attempt number: history and the model's expected rates (8 = eighth and later)")
public record AttemptStep(@NonNull int attempt, @NonNull long dials, @NonNull long connects, @NonNull long conversions,
        @NonNull @Description("Agent hours of these dials (agent call duration)") double agentHours,
        Double expectedConnectsPerDial, Double expectedConversionsPerDial,
        @Description("80% interval of expectedConversionsPerDial") Double conversionsLo80, Double conversionsHi80,
        @Description("The least conversions per dial this attempt must expect to be worth dialling (the threshold, "
                + "or agent minutes per dial x cost / conversion value)") Double thresholdConversionsPerDial,
        @NonNull @Description("Whether this attempt is within the policy (before the stop)") boolean withinPolicy) {
}
