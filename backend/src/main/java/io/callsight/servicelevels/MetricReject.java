package io.callsight.servicelevels;

public record MetricReject(int line, String field, String value, String reason) {
}
