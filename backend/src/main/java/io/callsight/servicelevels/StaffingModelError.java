package io.callsight.servicelevels;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingModelError")
@Description("Over the hours: mean absolute error and mean signed error (prediction - actual) of the service level, "
        + "and mean absolute error of the abandonment rate (Erlang C predicts no abandonment)")
public record StaffingModelError(String model, int hours, Double serviceLevelMae, Double serviceLevelBias, Double abandonRateMae) {
}
