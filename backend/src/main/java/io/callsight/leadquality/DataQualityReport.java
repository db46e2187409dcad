package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Type;

@Type("DataQualityReport")
public record DataQualityReport(long snapshotId, String source, LocalDate reportDate, List<QualityCheck> checks) {
}
