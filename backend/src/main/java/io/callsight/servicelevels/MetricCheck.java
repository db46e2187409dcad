package io.callsight.servicelevels;

import java.util.List;

/** A consistency check of the file: count and the first examples. */
public record MetricCheck(String name, int count, List<String> examples) {
}
