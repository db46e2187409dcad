package io.callsight.leadquality;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One data-quality check of one snapshot. */
@Type("QualityCheck")
public record QualityCheck(
        @Description("Check name, e.g. demo_without_set, schema_drift, unreadable_values.ZIP") String name,
        @Description("INFO, WARNING or ERROR; a check that found nothing is INFO with count 0") String severity,
        @Description("How many rows (or columns, values) it found") int count,
        String description,
        @Description("Up to 5 examples: offending rows with their line, or the differences found") List<String> examples) {
}
