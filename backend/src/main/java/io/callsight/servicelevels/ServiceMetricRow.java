package io.callsight.servicelevels;

import java.time.LocalDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ServiceMetricRow")
@Description("Queue metrics of one period. From call logs: offered = calls that reached the queue or an agent "
        + "(AGENT, and HANG after queueing; PHANTOM and hang-ups in the VRU are not offered), handled = AGENT, "
        + "abandoned = HANG after queueing, ASA = mean wait of handled calls, service level = handled within T / "
        + "(offered - abandons shorter than the queue's short-abandon threshold; 0 = every abandon counts), AHT = mean "
        + "service time of handled calls, longest wait over offered calls. From metric files: sums of the chosen rows; "
        + "ASA and service level are the files' values weighted by calls handled (serviceLevelWithinSeconds: the "
        + "file's T). handlingRate = handled / offered, abandonRate = abandoned / offered; null when a part is unknown.")
public record ServiceMetricRow(@Description("Start of the period, local time of the queue") LocalDateTime periodStart,
        String queue, Long offered, Long handled, Long abandoned, Double asaSeconds,
        Double serviceLevel, Double serviceLevelWithinSeconds, Double handlingRate, Double abandonRate,
        @Description("From call logs only") Double ahtSeconds,
        @Description("From call logs only") Double longestWaitSeconds,
        @Description("Metric rows, or calls, aggregated") int rows,
        @Description("Metric rows in the period whose offered differs from handled + abandoned") int inconsistentRows) {
}
