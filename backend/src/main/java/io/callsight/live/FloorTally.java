package io.callsight.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The floor's numbers for one view and one day, kept up to date call by call instead of scanning
 * today's calls every second: the call fact is insert-only and its keys grow in commit order (inserts
 * are serialised by the ingest lock), so {@link FloorQuery} reads only the calls committed since the last
 * read and adds them here. The definitions are the metric catalog's, as the report engine has them
 * (a test holds them equal): per campaign, a lead counts once per campaign; in total, once however
 * many campaigns called it; converted = has an 'Interested' call, qualified = has an 'Interested' call
 * that meets its advertiser's criteria; the last 15 minutes count the calls dialled since then and
 * the leads with such a call.
 *
 * <p>The sliding window is exact without rescanning: each (campaign, lead) and each lead keeps the dial
 * time of its latest call (and latest converting and qualifying call) while that time is inside the
 * window; the window's calls wait in a queue by dial time, and a call leaving it takes its lead out of
 * the window's distinct counts only when it was the lead's latest. Times are epoch microseconds.
 * Not thread-safe: one caller at a time.
 */
final class FloorTally {

    static final int CONNECTED = 1;
    static final int CONVERTED = 2;
    static final int QUALIFIED = 4;
    private static final long NONE = Long.MIN_VALUE;
    private static final long MINUTE = 60_000_000L;

    /** A group's counts (a campaign, or the total): today and the window. */
    static final class Agg {
        long calls;
        long connected;
        long leads;
        long converted;
        long qualified;
        long recentCalls;
        long recentConnected;
        final long[] recentLeads = new long[3]; // any call, converting call, qualifying call

        FloorQuery.Counts counts() {
            return new FloorQuery.Counts(metrics(calls, connected, leads, converted, qualified),
                    metrics(recentCalls, recentConnected, recentLeads[0], recentLeads[1], recentLeads[2]));
        }

        private static LiveMetrics metrics(long calls, long connected, long leads, long converted, long qualified) {
            return new LiveMetrics(calls, leads, connected, converted, qualified,
                    calls == 0 ? null : (double) connected / calls, leads == 0 ? null : (double) converted / leads);
        }
    }

    /** Distinct members (leads in a campaign, or leads): whether converted or qualified today, latest times. */
    private static final class Members {
        final KeyIndex index = new KeyIndex();
        byte[] flags = new byte[1024];
        final long[][] latest = {new long[0], new long[0], new long[0]};

        /** The member's slot; counts it as a new lead of {@code agg} when first seen. */
        int slot(long lead, int campaign, Agg agg) {
            int before = index.size();
            int s = index.slot(lead, campaign);
            if (s == before) {
                agg.leads++;
                flags = KeyIndex.fit(flags, s);
                for (int k = 0; k < 3; k++) {
                    latest[k] = KeyIndex.fit(latest[k], s, NONE);
                }
            }
            return s;
        }

        void today(int s, int callFlags, Agg agg) {
            if ((callFlags & CONVERTED) != 0 && (flags[s] & CONVERTED) == 0) {
                flags[s] |= CONVERTED;
                agg.converted++;
            }
            if ((callFlags & QUALIFIED) != 0 && (flags[s] & QUALIFIED) == 0) {
                flags[s] |= QUALIFIED;
                agg.qualified++;
            }
        }

        /** A call at {@code t} inside the window; every latest time is inside it or NONE. */
        void enter(int s, long t, int callFlags, Agg agg) {
            for (int k = 0; k < 3; k++) {
                if (applies(k, callFlags) && t > latest[k][s]) {
                    if (latest[k][s] == NONE) {
                        agg.recentLeads[k]++;
                    }
                    latest[k][s] = t;
                }
            }
        }

        /** A call at {@code t} left the window: the member leaves it when that call was its latest. */
        void leave(int s, long t, int callFlags, Agg agg) {
            for (int k = 0; k < 3; k++) {
                if (applies(k, callFlags) && latest[k][s] == t) {
                    latest[k][s] = NONE;
                    agg.recentLeads[k]--;
                }
            }
        }

        private static boolean applies(int k, int callFlags) {
            return k == 0 || (k == 1 && (callFlags & CONVERTED) != 0) || (k == 2 && (callFlags & QUALIFIED) != 0);
        }
    }

    private record Recent(long t, int pair, int lead, Agg campaign, int flags) {
    }

    /** One minute of the sparkline: calls, connects and the leads with a converting call. */
    private static final class Minute {
        long calls;
        long connected;
        final Set<Long> converted = new HashSet<>();
    }

    final long dayStart;
    final long dayEnd;
    final long criteria;
    /** The highest call key read. */
    long watermark;
    private final Agg total = new Agg();
    private final Map<Integer, Agg> campaigns = new HashMap<>();
    private final Members pairs = new Members();
    private final Members leads = new Members();
    private final PriorityQueue<Recent> window = new PriorityQueue<>((a, b) -> Long.compare(a.t, b.t));
    private final TreeMap<Long, Minute> minutes = new TreeMap<>();
    private long windowStart = NONE;
    private long sparkFrom = NONE;

    /**
     * @param dayStart and {@code dayEnd}: today in the business zone (epoch microseconds)
     * @param criteria a fingerprint of the advertisers' qualification criteria the flags were taken with
     */
    FloorTally(long dayStart, long dayEnd, long criteria) {
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        this.criteria = criteria;
    }

    /**
     * Moves the window to start at {@code recentStart} and the sparkline to start at minute
     * {@code sparkFrom} (both epoch microseconds; never backwards). Call before {@link #add} with
     * the same now.
     */
    void advance(long recentStart, long sparkFromMinute) {
        if (recentStart > windowStart) {
            windowStart = recentStart;
        }
        while (!window.isEmpty() && window.peek().t < windowStart) {
            Recent r = window.poll();
            r.campaign.recentCalls--;
            total.recentCalls--;
            if ((r.flags & CONNECTED) != 0) {
                r.campaign.recentConnected--;
                total.recentConnected--;
            }
            pairs.leave(r.pair, r.t, r.flags, r.campaign);
            leads.leave(r.lead, r.t, r.flags, total);
        }
        if (sparkFromMinute > sparkFrom) {
            sparkFrom = sparkFromMinute;
            minutes.headMap(sparkFrom).clear();
        }
    }

    /** Adds one call dialled at {@code t} (epoch microseconds) with {@link #CONNECTED} etc. flags. */
    void add(long t, int campaign, long lead, int flags) {
        long minute = Math.floorDiv(t, MINUTE) * MINUTE;
        if (minute >= sparkFrom) {
            Minute m = minutes.computeIfAbsent(minute, k -> new Minute());
            m.calls++;
            if ((flags & CONNECTED) != 0) {
                m.connected++;
            }
            if ((flags & CONVERTED) != 0) {
                m.converted.add(lead);
            }
        }
        if (t < dayStart || t >= dayEnd) {
            return; // the sparkline's minutes before midnight
        }
        Agg c = campaigns.computeIfAbsent(campaign, k -> new Agg());
        int p = pairs.slot(lead, campaign, c);
        int l = leads.slot(lead, 0, total);
        c.calls++;
        total.calls++;
        if ((flags & CONNECTED) != 0) {
            c.connected++;
            total.connected++;
        }
        pairs.today(p, flags, c);
        leads.today(l, flags, total);
        if (t >= windowStart) {
            c.recentCalls++;
            total.recentCalls++;
            if ((flags & CONNECTED) != 0) {
                c.recentConnected++;
                total.recentConnected++;
            }
            pairs.enter(p, t, flags, c);
            leads.enter(l, t, flags, total);
            window.add(new Recent(t, p, l, c, flags));
        }
    }

    Agg total() {
        return total;
    }

    /** Per campaign key. */
    Map<Integer, Agg> campaigns() {
        return campaigns;
    }

    /** Calls, connects and converted leads of the minute starting at {@code minute} (epoch microseconds). */
    long[] minute(long minute) {
        Minute m = minutes.get(minute);
        return m == null ? new long[3] : new long[] {m.calls, m.connected, m.converted.size()};
    }
}
