package io.callsight.staffing;

/**
 * Agents needed for outbound work in one interval: the dialling work (expected calls x mean agent
 * call duration) spread over the interval at the target occupancy, then grossed up for shrinkage.
 * Pure and immutable.
 */
public record OutboundWorkload(double expectedCalls, double agentCallSeconds, int intervalMinutes,
        double targetOccupancy, double shrinkage) {

    public OutboundWorkload {
        if (!(expectedCalls >= 0) || Double.isInfinite(expectedCalls)) {
            throw new IllegalArgumentException("expectedCalls must be 0 or more (was " + expectedCalls + ")");
        }
        if (!(agentCallSeconds >= 0) || Double.isInfinite(agentCallSeconds)) {
            throw new IllegalArgumentException("agentCallSeconds must be 0 or more (was " + agentCallSeconds + ")");
        }
        if (intervalMinutes <= 0 || intervalMinutes > 24 * 60) {
            throw new IllegalArgumentException("intervalMinutes must be between 1 and 1440 (was " + intervalMinutes + ")");
        }
        if (!(targetOccupancy > 0 && targetOccupancy <= 1)) {
            throw new IllegalArgumentException("targetOccupancy must be more than 0 and at most 1 (was "
                    + targetOccupancy + ")");
        }
        if (!(shrinkage >= 0 && shrinkage < 1)) {
            throw new IllegalArgumentException("shrinkage must be at least 0 and below 1 (was " + shrinkage + ")");
        }
    }

    /** Workload in agent-seconds. */
    public double workloadSeconds() {
        return expectedCalls * agentCallSeconds;
    }

    /** Agents on the phones, fractional: workload / interval / occupancy. */
    public double agentsExact() {
        return workloadSeconds() / (intervalMinutes * 60.0) / targetOccupancy;
    }

    /** Agents on the phones, rounded up. */
    public int agents() {
        return (int) Math.ceil(agentsExact() - 1e-9);
    }

    /** Agents to schedule: agents / (1 - shrinkage), rounded up. */
    public int agentsWithShrinkage() {
        return (int) Math.ceil(agentsExact() / (1 - shrinkage) - 1e-9);
    }
}
