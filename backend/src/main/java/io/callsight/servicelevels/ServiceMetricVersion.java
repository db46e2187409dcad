package io.callsight.servicelevels;

import org.eclipse.microprofile.graphql.Type;

@Type("ServiceMetricVersion")
public record ServiceMetricVersion(String metricId, long batchId, int line, boolean chosen, Long offered, Long handled,
        Long abandoned, Double asaSeconds, Double serviceLevel, Double transferredRate) {
}
