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
        MINUTES_15, MINUTES_30, HOUR, DAY, WEEK, MONTH;

        boolean intraday() {
            return this == MINUTES_15 || this == MINUTES_30 || this == HOUR;
        }
    }

    @Input("ServiceMetricFilter")
    @Description("Calendar days; to is exclusive")
    public record Filter(LocalDate from, LocalDate to) {
    }

    @Type("ServiceMetricRow")
    @Description("Queue metrics of one period. From call logs: offered = calls that reached the queue or an agent "
            + "(AGENT, and HANG after queueing; PHANTOM and hang-ups in the VRU are not offered), handled = AGENT, "
            + "abandoned = HANG after queueing, ASA = mean wait of handled calls, service level = handled within T / "
            + "(offered - abandons shorter than the queue's short-abandon threshold; 0 = every abandon counts), AHT = mean "
            + "service time of handled calls, longest wait over offered calls. From metric files: sums of the chosen rows; "
            + "ASA and service level are the files' values weighted by calls handled (serviceLevelWithinSeconds: the "
            + "file's T). handlingRate = handled / offered, abandonRate = abandoned / offered; null when a part is unknown.")
    public record Row(@Description("Start of the period, local time of the queue") java.time.LocalDateTime periodStart,
            String queue, Long offered, Long handled, Long abandoned, Double asaSeconds,
            Double serviceLevel, Double serviceLevelWithinSeconds, Double handlingRate, Double abandonRate,
            @Description("From call logs only") Double ahtSeconds,
            @Description("From call logs only") Double longestWaitSeconds,
            @Description("Metric rows, or calls, aggregated") int rows,
            @Description("Metric rows in the period whose offered differs from handled + abandoned") int inconsistentRows) {
    }

    @Type("ServiceMetricConflict")
    @Description("A period listed more than once with different values: every version, the chosen one counted")
    public record Conflict(String queue, String granularity, LocalDate periodStart, List<Version> versions) {
    }

    @Type("ServiceMetricVersion")
    public record Version(String metricId, long batchId, int line, boolean chosen, Long offered, Long handled,
            Long abandoned, Double asaSeconds, Double serviceLevel, Double transferredRate) {
    }

    @Type("ServiceQueue")
    public record Queue(String name, double answerWithinSeconds, double shortAbandonSeconds,
            @Description("First day with data") LocalDate firstDay, @Description("Last day with data") LocalDate lastDay,
            @Description("CALLS (call-level logs), DAY or MONTH (metric files)") List<String> sources) {
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
