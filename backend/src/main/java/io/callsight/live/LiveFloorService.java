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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BusinessTime;
import io.callsight.reports.CallFilter;
import io.callsight.reports.CallMetricsRow;
import io.callsight.reports.CampaignPerformanceRow;
import io.callsight.reports.Dimension;
import io.callsight.reports.Measure;
import io.callsight.reports.PerformanceReports;

/**
 * Computes the wallboard from committed data with the report engine (so its numbers are the reports'
 * numbers for the same window): today since midnight in the business zone and the last 15 minutes, in
 * total and per campaign, a per-minute sparkline, the agents' states and the newest feed leads. The
 * filter is taken as given: callers narrow it to what the subscriber may see first.
 */
@ApplicationScoped
public class LiveFloorService {

    static final Duration RECENT = Duration.ofMinutes(15);
    static final int LATEST_LEADS = 10;

    private static final Set<Measure> MEASURES = EnumSet.of(Measure.TOTAL_CALLS, Measure.UNIQUE_LEADS,
            Measure.CALLS_CONNECTED, Measure.LEADS_CONVERTED, Measure.QUALIFIED_LEADS, Measure.CONNECT_RATE,
            Measure.CONVERSION_RATE);
    private static final Set<Measure> MINUTE_MEASURES = EnumSet.of(Measure.TOTAL_CALLS, Measure.CALLS_CONNECTED,
            Measure.LEADS_CONVERTED);

    @Inject
    PerformanceReports reports;

    @Inject
    AgentStates agentStates;

    @Inject
    BusinessTime businessTime;

    @Inject
    AgroalDataSource dataSource;

    /** The start of today in the business zone. */
    public Instant todayStart(Instant now) {
        ZoneId zone = businessTime.zone();
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The floor now for {@code filter} (its from/to are ignored); agents only when {@code withAgents}. */
    public LiveFloor compute(CallFilter filter, boolean withAgents) {
        Instant now = Instant.now();
        ZoneId zone = businessTime.zone();
        Instant dayStart = todayStart(now);
        Instant recentStart = now.minus(RECENT);
        // an instant past now, so calls dialled this very second count
        Instant end = now.plusSeconds(1);
        // today as the whole day: the report engine answers whole days from its day rollups
        Instant dayEnd = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        List<CampaignPerformanceRow> todayByCampaign = reports.campaignPerformance(window(filter, dayStart, dayEnd), false);
        List<CampaignPerformanceRow> recentByCampaign = reports.campaignPerformance(window(filter, recentStart, end),
                false);
        LiveMetrics today = total(filter, dayStart, dayEnd);
        LiveMetrics recent = total(filter, recentStart, end);
        Map<String, LiveMetrics> recentById = new HashMap<>();
        for (CampaignPerformanceRow r : recentByCampaign) {
            recentById.put(r.campaignId(), metrics(r));
        }
        List<LiveCampaign> campaigns = new ArrayList<>();
        for (CampaignPerformanceRow r : todayByCampaign) {
            if (r.campaignId() != null) {
                campaigns.add(new LiveCampaign(r.campaignId(), r.campaignName(), r.advertiserId(), metrics(r),
                        recentById.getOrDefault(r.campaignId(), LiveMetrics.ZERO)));
            }
        }
        campaigns.sort((a, b) -> Long.compare(b.today().totalCalls(), a.today().totalCalls()));
        List<AgentStateRow> agents = withAgents ? agentStates.current(dayStart) : List.of();
        return new LiveFloor(now.atOffset(ZoneOffset.UTC), LocalDate.ofInstant(now, zone), zone.getId(), today, recent,
                campaigns, sparkline(filter, now), byState(agents), agents, latestLeads(filter, dayStart));
    }

    private List<CallMetricsRow> rows(CallFilter filter, Instant from, Instant to, List<Dimension> dims,
            Set<Measure> measures) {
        return reports.callMetrics(window(filter, from, to), dims, null, businessTime.zone(), measures, null);
    }

    private LiveMetrics total(CallFilter filter, Instant from, Instant to) {
        List<CallMetricsRow> rows = rows(filter, from, to, List.of(), MEASURES);
        return rows.isEmpty() ? LiveMetrics.ZERO : metrics(rows.get(0));
    }

    /** The last 15 whole minutes and the current one, oldest first. */
    private List<LiveMinute> sparkline(CallFilter filter, Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        List<LiveMinute> points = new ArrayList<>();
        for (int i = (int) RECENT.toMinutes(); i >= 0; i--) {
            Instant from = current.minus(Duration.ofMinutes(i));
            List<CallMetricsRow> rows = rows(filter, from, from.plus(Duration.ofMinutes(1)), List.of(), MINUTE_MEASURES);
            CallMetricsRow r = rows.isEmpty() ? null : rows.get(0);
            points.add(new LiveMinute(from.atOffset(ZoneOffset.UTC), r == null ? 0L : nz(r.totalCalls()),
                    r == null ? 0L : nz(r.callsConnected()), r == null ? 0L : nz(r.leadsConverted())));
        }
        return points;
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
                + "WHERE f.verified_at >= ?" + (byCampaign ? " AND cp.campaign_id = ANY(?)" : "")
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

    static CallFilter window(CallFilter base, Instant from, Instant to) {
        CallFilter f = new CallFilter();
        f.from = from.atOffset(ZoneOffset.UTC);
        f.to = to.atOffset(ZoneOffset.UTC);
        f.campaignIds = base.campaignIds;
        f.advertiserIds = base.advertiserIds;
        f.agentIds = base.agentIds;
        f.callStatuses = base.callStatuses;
        f.leadStatuses = base.leadStatuses;
        return f;
    }

    private static LiveMetrics metrics(CallMetricsRow r) {
        return new LiveMetrics(nz(r.totalCalls()), nz(r.uniqueLeads()), nz(r.callsConnected()), nz(r.leadsConverted()),
                nz(r.qualifiedLeads()), r.connectRate(), r.conversionRate());
    }

    private static LiveMetrics metrics(CampaignPerformanceRow r) {
        return new LiveMetrics(nz(r.totalCalls()), nz(r.uniqueLeads()), nz(r.callsConnected()), nz(r.leadsConverted()),
                nz(r.qualifiedLeads()), r.connectRate(), r.conversionRate());
    }

    private static long nz(Long v) {
        return v == null ? 0L : v;
    }
}
