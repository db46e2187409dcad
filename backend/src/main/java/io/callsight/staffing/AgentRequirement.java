package io.callsight.staffing;

import java.util.Locale;

/**
 * The fewest agents that hold an interval's service targets, before and after shrinkage. Pure.
 */
public final class AgentRequirement {

    private AgentRequirement() {
    }

    /** The answer: agents on the phones, agents to schedule, and what those agents give. */
    public record Result(int agents, int agentsWithShrinkage, QueueModel.Outcome outcome) {
    }

    /**
     * @param targetServiceLevel share answered within {@code answerWithinSeconds}, in (0, 1]
     * @param maxOccupancy       in (0, 1]; null for no limit
     * @param shrinkage          share of paid time off the phones, in [0, 1); null for none
     * @param maxAbandonRate     in [0, 1]; null for no limit (only Erlang A has abandons)
     */
    public static Result find(QueueModel model, double answerWithinSeconds, double targetServiceLevel,
            Double maxOccupancy, Double shrinkage, Double maxAbandonRate) {
        if (!(targetServiceLevel > 0 && targetServiceLevel <= 1)) {
            throw new IllegalArgumentException("targetServiceLevel must be more than 0 and at most 1 (was "
                    + targetServiceLevel + ")");
        }
        if (maxOccupancy != null && !(maxOccupancy > 0 && maxOccupancy <= 1)) {
            throw new IllegalArgumentException("maxOccupancy must be more than 0 and at most 1 (was " + maxOccupancy + ")");
        }
        if (shrinkage != null && !(shrinkage >= 0 && shrinkage < 1)) {
            throw new IllegalArgumentException("shrinkage must be at least 0 and below 1 (was " + shrinkage + ")");
        }
        if (maxAbandonRate != null && !(maxAbandonRate >= 0 && maxAbandonRate <= 1)) {
            throw new IllegalArgumentException("maxAbandonRate must be between 0 and 1 (was " + maxAbandonRate + ")");
        }
        double traffic = model.trafficErlangs();
        int start = Math.max(1, (int) Math.floor(traffic));
        if (maxOccupancy != null) {
            start = Math.max(start, (int) Math.ceil(traffic / maxOccupancy - 1e-9));
        }
        for (int n = start; n <= QueueModel.MAX_AGENTS; n++) {
            QueueModel.Outcome o = model.evaluate(n, answerWithinSeconds);
            boolean ok = o.stable() && o.serviceLevel() >= targetServiceLevel
                    && (maxOccupancy == null || o.occupancy() <= maxOccupancy + 1e-12)
                    && (maxAbandonRate == null || o.probAbandon() <= maxAbandonRate);
            if (ok) {
                double s = shrinkage == null ? 0 : shrinkage;
                int scheduled = (int) Math.ceil(n / (1 - s) - 1e-9);
                return new Result(n, scheduled, o);
            }
        }
        throw new IllegalArgumentException("No number of agents up to " + QueueModel.MAX_AGENTS
                + " meets these targets (traffic " + String.format(Locale.ROOT, "%.1f", traffic) + " Erlangs)");
    }
}
