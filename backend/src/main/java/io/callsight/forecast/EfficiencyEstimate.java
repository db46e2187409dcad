package io.callsight.forecast;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One metric of an agent's efficiency forecast, with how it was derived. */
@Type("EfficiencyEstimate")
@Description("Expected value over the forecast period = (agent's own evidence + "
        + "prior x team rate) / (evidence + prior); weight is the agent's share (evidence / (evidence + prior)); "
        + "lo80/hi80 are the 10th-90th percentile of the agent's own daily values around it")
public record EfficiencyEstimate(Double value, Double lo80, Double hi80, Double agentValue, Double teamValue, double weight,
        @Description("Hours (calls per hour) or connected calls (success rate, "
                + "AHT) behind the agent's own value") double evidence) {
}
