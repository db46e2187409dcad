package io.callsight.scorecards;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AgentBottleneck")
@Description("An agent (day null) or an agent-day whose AHT or ACW stands out from the team: robust z = "
        + "(value - team median) / (1.4826 x MAD) above 3.5 and the value at least 15% above the median, the team "
        + "having at least 3 agents")
public record AgentBottleneck(String agentId, String agentName, String team, LocalDate day, String metric, double value,
        double teamMedian, double robustZ, String reason) {
}
