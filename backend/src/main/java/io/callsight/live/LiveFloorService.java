package io.callsight.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BusinessTime;
import io.callsight.compliance.ComplianceService;
import io.callsight.compliance.ViolatingCall;
import io.callsight.reports.CallFilter;

/**
 * Computes the wallboard from committed data: today since midnight in the business zone and the last
 * 15 minutes, in total and per campaign, kept up to date call by call per filter ({@link FloorTally}
 * fed by {@link FloorQuery}: each computation reads only the calls committed since the last one; the
 * metric catalog's definitions), a per-minute sparkline, the agents' states and the newest feed leads. The
 * filter is taken as given: callers narrow it to what the subscriber may see first.
 */
@ApplicationScoped
public class LiveFloorService {

    static final Duration RECENT = Duration.ofMinutes(15);
    static final int LATEST_LEADS = 10;

    @Inject
    AgentStates agentStates;

    @Inject
    ComplianceService compliance;

    @Inject
    BusinessTime businessTime;

    @Inject
    AgroalDataSource dataSource;

    /** A view's tally, kept while asked for (one computation at a time per filter). */
    private static final class Tallied {
        FloorTally tally;
        volatile long used = System.nanoTime();
    }

    static final Duration IDLE_TALLY = Duration.ofMinutes(2);
    private final Map<String, Tallied> tallies = new ConcurrentHashMap<>();

    /** The start of today in the business zone. */
    public Instant todayStart(Instant now) {
        ZoneId zone = businessTime.zone();
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The floor now for {@code filter} (its from/to are ignored); agents only when {@code withAgents}. */
    public LiveFloor compute(CallFilter filter, boolean withAgents) {
        // The agents and the newest leads first, the calls last: the counts a push carries are then
        // as fresh as the moment it leaves (a computation's length is not added to an event's wait).
        Instant before = Instant.now();
        List<AgentStateRow> agents = withAgents ? agentStates.current(todayStart(before)) : List.of();
        List<LiveLead> latest = latestLeads(filter, todayStart(before));
        List<ViolatingCall> violations = withAgents ? compliance.latestViolations(filter, todayStart(before), LATEST_LEADS)
                : List.of();
        Instant now = Instant.now();
        ZoneId zone = businessTime.zone();
        Instant dayStart = todayStart(now);
        Instant dayEnd = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        Instant sparkFrom = current.minus(RECENT);
        List<LiveCampaign> campaigns = new ArrayList<>();
        List<LiveMinute> sparkline = new ArrayList<>();
        FloorQuery.Counts total;
        Tallied held = tallies.computeIfAbsent(LiveHub.filterKey(filter), k -> new Tallied());
        synchronized (held) {
            held.used = System.nanoTime();
            try (Connection c = dataSource.getConnection()) {
                FloorTally t = FloorQuery.refresh(c, held.tally, filter, FloorQuery.micros(dayStart),
                        FloorQuery.micros(dayEnd), FloorQuery.micros(now.minus(RECENT)), FloorQuery.micros(sparkFrom));
                held.tally = t;
                Map<Integer, String[]> names = FloorQuery.campaigns(c, t.campaigns().keySet());
                t.campaigns().forEach((key, agg) -> {
                    String[] n = names.getOrDefault(key, new String[] {String.valueOf(key), null, null});
                    FloorQuery.Counts k = agg.counts();
                    campaigns.add(new LiveCampaign(n[0], n[1], n[2], k.today(), k.recent()));
                });
                total = t.total().counts();
                for (Instant m = sparkFrom; !m.isAfter(current); m = m.plus(Duration.ofMinutes(1))) {
                    long[] v = t.minute(FloorQuery.micros(m));
                    sparkline.add(new LiveMinute(m.atOffset(ZoneOffset.UTC), v[0], v[1], v[2]));
                }
            } catch (SQLException | RuntimeException e) {
                held.tally = null; // it may hold part of a read: start again from scratch next time
                throw new IllegalStateException("Could not compute the live floor: " + e.getMessage(), e);
            }
        }
        forgetIdle();
        campaigns.sort((a, b) -> a.today().totalCalls().equals(b.today().totalCalls())
                ? a.campaignId().compareTo(b.campaignId()) : Long.compare(b.today().totalCalls(), a.today().totalCalls()));
        return new LiveFloor(now.atOffset(ZoneOffset.UTC), LocalDate.ofInstant(now, zone), zone.getId(),
                total.today(), total.recent(), campaigns, sparkline, byState(agents), agents, latest, violations);
    }

    /** Drops the tallies no view or poll has asked for lately (a filter asked for once, long ago). */
    private void forgetIdle() {
        long now = System.nanoTime();
        tallies.values().removeIf(h -> now - h.used > IDLE_TALLY.toNanos());
    }

    private static List<LiveStateCount> byState(List<AgentStateRow> agents) {
        Map<AgentStateKind, Integer> counts = new EnumMap<>(AgentStateKind.class);
        for (AgentStateRow a : agents) {
            counts.merge(a.state(), 1, Integer::sum);
        }
        List<LiveStateCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new LiveStateCount(k, v)));
        return out;
    }

    /** The newest feed entries of today within the filter's campaigns and advertisers. */
    private List<LiveLead> latestLeads(CallFilter filter, Instant dayStart) {
        boolean byCampaign = filter.campaignIds != null && !filter.campaignIds.isEmpty();
        boolean byAdvertiser = filter.advertiserIds != null && !filter.advertiserIds.isEmpty();
        String sql = "SELECT f.call_id, l.lead_id, cp.campaign_id, cp.name, a.advertiser_id, ag.agent_id, f.verified_at "
                + "FROM feed_lead f JOIN lead l ON l.lead_key = f.lead_key JOIN campaign cp ON cp.campaign_key = f.campaign_key "
                + "JOIN advertiser a ON a.advertiser_key = f.advertiser_key LEFT JOIN agent ag ON ag.agent_key = f.agent_key "
                + "WHERE f.verified_at >= ? AND NOT f.held" + (byCampaign ? " AND cp.campaign_id = ANY(?)" : "")
                + (byAdvertiser ? " AND a.advertiser_id = ANY(?)" : "") + " ORDER BY f.seq DESC LIMIT " + LATEST_LEADS;
        List<LiveLead> leads = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, dayStart.atOffset(ZoneOffset.UTC));
            if (byCampaign) {
                ps.setArray(i++, c.createArrayOf("text", filter.campaignIds.toArray()));
            }
            if (byAdvertiser) {
                ps.setArray(i++, c.createArrayOf("text", filter.advertiserIds.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leads.add(new LiveLead(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the newest leads: " + e.getMessage(), e);
        }
        return leads;
    }
}
