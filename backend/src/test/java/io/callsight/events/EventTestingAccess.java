package io.callsight.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callsight.common.GraphQL;

/** Waiting for events to reach the fact, for tests of other packages. */
public final class EventTestingAccess {

    private EventTestingAccess() {
    }

    /** Waits until the campaigns hold {@code calls} calls in the fact (the reports count them). */
    public static void awaitCampaignCalls(List<String> campaignIds, long calls, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long got = -1;
        while (System.nanoTime() < deadline) {
            got = 0;
            for (Object n : GraphQL.query("query($c: [String!]) { campaignPerformance(filter: {campaignIds: $c}) { "
                    + "totalCalls } }", Map.of("c", campaignIds)).getList("data.campaignPerformance.totalCalls")) {
                got += ((Number) n).longValue();
            }
            if (got == calls) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(got + " of " + calls + " calls reached the fact within " + max);
    }
}
