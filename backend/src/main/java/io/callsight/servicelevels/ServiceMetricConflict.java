package io.callsight.servicelevels;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ServiceMetricConflict")
@Description("A period listed more than once with different values: every version, the chosen one counted")
public record ServiceMetricConflict(String queue, String granularity, LocalDate periodStart, List<ServiceMetricVersion> versions) {
}
