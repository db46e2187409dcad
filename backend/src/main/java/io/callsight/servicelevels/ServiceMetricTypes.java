package io.callsight.servicelevels;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL and REST types of the service-level feature. */
public final class ServiceMetricTypes {

    private ServiceMetricTypes() {
    }

    @Name("ServiceBucket")
    public enum Bucket {
        DAY, WEEK, MONTH
    }

    @Input("ServiceMetricFilter")
    @Description("Calendar days; to is exclusive")
    public record Filter(LocalDate from, LocalDate to) {
    }

    @Type("ServiceMetricRow")
    @Description("Queue metrics of one period. From metric files: sums of the chosen rows; ASA and service level are "
            + "the files' values weighted by calls handled (service level: the share answered within the file's target, "
            + "serviceLevelWithinSeconds). handlingRate = handled / offered, abandonRate = abandoned / offered; null "
            + "when a part is unknown.")
    public record Row(LocalDate periodStart, String queue, Long offered, Long handled, Long abandoned, Double asaSeconds,
            Double serviceLevel, Double serviceLevelWithinSeconds, Double handlingRate, Double abandonRate,
            @Description("Not in metric files: null until call-level logs give it") Double ahtSeconds,
            @Description("Not in metric files: null until call-level logs give it") Double longestWaitSeconds,
            @Description("Source rows aggregated") int rows,
            @Description("Rows in the period whose offered differs from handled + abandoned") int inconsistentRows) {
    }

    @Type("ServiceMetricConflict")
    @Description("A period listed more than once with different values: every version, the chosen one counted")
    public record Conflict(String queue, String granularity, LocalDate periodStart, List<Version> versions) {
    }

    @Type("ServiceMetricVersion")
    public record Version(String metricId, long batchId, int line, boolean chosen, Long offered, Long handled,
            Long abandoned, Double asaSeconds, Double serviceLevel, Double transferredRate) {
    }

    /** REST answer of a metric file load. */
    public record IngestResult(long batchId, String source, String queue, String granularity, int rowsRead, int accepted,
            int rejected, int duplicates, int conflicts, Long sameFileAsBatchId, List<String> unknownColumns,
            List<Check> checks, List<Reject> rejects) {
    }

    public record Reject(int line, String field, String value, String reason) {
    }

    /** A consistency check of the file: count and the first examples. */
    public record Check(String name, int count, List<String> examples) {
    }
}
