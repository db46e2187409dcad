package io.callsight.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * The incremental tally against the definitions computed from scratch: random calls arrive out of
 * order (late, early, before midnight, repeats of a lead across campaigns and at the same instant)
 * while the window slides; after every step each count equals a recount of all calls so far.
 */
class FloorTallyTest {

    private static final long MINUTE = 60_000_000L;
    private static final long DAY_START = 1_000 * 24 * 60 * MINUTE;
    private static final long DAY_END = DAY_START + 24 * 60 * MINUTE;
    private static final long WINDOW = 15 * MINUTE;

    private record Call(long t, int campaign, long lead, int flags) {
    }

    @Test
    void slidingCountsEqualARecountAfterEveryStep() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            FloorTally tally = new FloorTally(DAY_START, DAY_END, 0);
            List<Call> calls = new ArrayList<>();
            long now = DAY_START + 5 * MINUTE; // the window starts before midnight at first
            long sparkFrom = Long.MIN_VALUE;
            for (int step = 0; step < 60; step++) {
                now += (long) (r.nextDouble() * 3 * MINUTE);
                long windowStart = now - WINDOW;
                sparkFrom = Math.floorDiv(now, MINUTE) * MINUTE - WINDOW;
                tally.advance(windowStart, sparkFrom);
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    long t = switch (r.nextInt(6)) {
                        case 0 -> now - (long) (r.nextDouble() * 40 * MINUTE); // late, maybe out of the window
                        case 1 -> DAY_START - (long) (r.nextDouble() * 10 * MINUTE); // before midnight
                        case 2 -> calls.isEmpty() ? now : calls.get(r.nextInt(calls.size())).t(); // same instant
                        case 3 -> now + (long) (r.nextDouble() * 2 * MINUTE); // dialled "in the future"
                        default -> now - (long) (r.nextDouble() * MINUTE);
                    };
                    int flags = (r.nextInt(3) == 0 ? FloorTally.CONNECTED : 0);
                    if (r.nextInt(4) == 0) {
                        flags |= FloorTally.CONVERTED | (r.nextBoolean() ? FloorTally.QUALIFIED : 0);
                    }
                    Call c = new Call(t, 1 + r.nextInt(4), 1 + r.nextInt(60), flags);
                    calls.add(c);
                    tally.add(c.t(), c.campaign(), c.lead(), c.flags());
                }
                check(tally, calls, windowStart, sparkFrom, now, "seed " + seed + " step " + step);
            }
        }
    }

    private static void check(FloorTally tally, List<Call> calls, long windowStart, long sparkFrom, long now, String where) {
        List<Call> today = calls.stream().filter(c -> c.t() >= DAY_START && c.t() < DAY_END).toList();
        Set<Integer> campaigns = new HashSet<>();
        today.forEach(c -> campaigns.add(c.campaign()));
        assertEquals(campaigns, tally.campaigns().keySet(), where);
        for (int campaign : campaigns) {
            expect(today.stream().filter(c -> c.campaign() == campaign).toList(), windowStart,
                    tally.campaigns().get(campaign), where + " campaign " + campaign);
        }
        expect(today, windowStart, tally.total(), where + " total");
        for (long m = sparkFrom; m <= Math.floorDiv(now, MINUTE) * MINUTE; m += MINUTE) {
            long from = m;
            List<Call> in = calls.stream().filter(c -> c.t() >= from && c.t() < from + MINUTE).toList();
            long[] expected = {in.size(), in.stream().filter(flag(FloorTally.CONNECTED)).count(),
                in.stream().filter(flag(FloorTally.CONVERTED)).map(Call::lead).distinct().count()};
            assertEquals(List.of(expected[0], expected[1], expected[2]),
                    List.of(tally.minute(m)[0], tally.minute(m)[1], tally.minute(m)[2]), where + " minute " + m);
        }
    }

    private static void expect(List<Call> calls, long windowStart, FloorTally.Agg agg, String where) {
        List<Call> recent = calls.stream().filter(c -> c.t() >= windowStart).toList();
        Map<String, Long> expected = new HashMap<>();
        expected.put("calls", (long) calls.size());
        expected.put("connected", calls.stream().filter(flag(FloorTally.CONNECTED)).count());
        expected.put("leads", calls.stream().map(Call::lead).distinct().count());
        expected.put("converted", calls.stream().filter(flag(FloorTally.CONVERTED)).map(Call::lead).distinct().count());
        expected.put("qualified", calls.stream().filter(flag(FloorTally.QUALIFIED)).map(Call::lead).distinct().count());
        expected.put("recentCalls", (long) recent.size());
        expected.put("recentConnected", recent.stream().filter(flag(FloorTally.CONNECTED)).count());
        expected.put("recentLeads", recent.stream().map(Call::lead).distinct().count());
        expected.put("recentConverted", recent.stream().filter(flag(FloorTally.CONVERTED)).map(Call::lead).distinct().count());
        expected.put("recentQualified", recent.stream().filter(flag(FloorTally.QUALIFIED)).map(Call::lead).distinct().count());
        Map<String, Long> actual = new HashMap<>();
        actual.put("calls", agg.calls);
        actual.put("connected", agg.connected);
        actual.put("leads", agg.leads);
        actual.put("converted", agg.converted);
        actual.put("qualified", agg.qualified);
        actual.put("recentCalls", agg.recentCalls);
        actual.put("recentConnected", agg.recentConnected);
        actual.put("recentLeads", agg.recentLeads[0]);
        actual.put("recentConverted", agg.recentLeads[1]);
        actual.put("recentQualified", agg.recentLeads[2]);
        assertEquals(expected, actual, where);
    }

    private static Predicate<Call> flag(int f) {
        return c -> (c.flags() & f) != 0;
    }
}
