package io.callsight.forecast;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** An agent's expected efficiency. */
@Type("AgentEfficiencyForecast")
public record AgentEfficiencyForecast(String agentId, String agentName, String team, LocalDate periodFrom, LocalDate periodTo,
        @Description("Working days in the last 28 days of history") int historyDays,
        EfficiencyEstimate callsPerHour, EfficiencyEstimate successRate,
        @Description("Average handle time, seconds") EfficiencyEstimate aht,
        OffsetDateTime generatedAt,
        @Description("The newest call in the data it saw") OffsetDateTime asOf) {
}
