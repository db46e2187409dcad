package io.callsight.reports;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallIngestService;
import io.callsight.calls.StatusNormalizer;
import io.callsight.common.BadInputException;

/** Runs catalog reports against the call fact. */
@ApplicationScoped
public class ReportService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallIngestService ingest;

    @ConfigProperty(name = "callsight.reports.business-time-zone", defaultValue = "UTC")
    String businessTimeZone;

    /** One group of an aggregate report: its key values (as stored) and its metrics. */
    public record Group(Object[] keys, Metrics metrics, Map<Component, Number> components) {
    }

    /** Names of the dimension members, by key. */
    public record Names(Map<Integer, String[]> campaigns, Map<Integer, String[]> advertisers,
            Map<Integer, String[]> agents) {
    }

    public ZoneId businessZone() {
        return ZoneId.of(businessTimeZone);
    }

    public static ZoneId zone(String timeZone, ZoneId fallback) {
        if (timeZone == null || timeZone.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            throw new BadInputException("timeZone '" + timeZone + "' is not a time zone (use an IANA name like "
                    + "Europe/Paris or an offset like +02:00)");
        }
    }

    /** Aggregates calls matching {@code filter} by the dimensions (and bucket) into the measures. */
    public List<Group> aggregate(CallFilter filter, List<Dimension> dimensions, TimeBucket bucket,
            Set<Measure> measures, ZoneId zone) {
        Set<Component> components = Measure.componentsOf(measures);
        try (Connection c = dataSource.getConnection()) {
            ReportQuery.ResolvedFilter resolved = resolve(c, filter);
            ReportQuery q = new ReportQuery(resolved, dimensions, bucket, components, zone);
            List<Group> groups = new ArrayList<>();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '128MB'");
                st.execute("SET LOCAL jit = off");
            }
            try (PreparedStatement ps = c.prepareStatement(q.sql)) {
                bind(c, ps, q.params);
                try (ResultSet rs = ps.executeQuery()) {
                    int keyCount = q.keyCount();
                    while (rs.next()) {
                        Object[] keys = new Object[keyCount];
                        for (int i = 0; i < keyCount; i++) {
                            Object v = rs.getObject(i + 1);
                            if (v instanceof Timestamp ts) {
                                // date_trunc of a local time: the bucket start as local wall time in the zone
                                v = ts.toLocalDateTime().atZone(zone).toOffsetDateTime();
                            }
                            keys[i] = v;
                        }
                        Map<Component, Number> values = new EnumMap<>(Component.class);
                        for (int i = 0; i < q.components.size(); i++) {
                            Object v = rs.getObject(keyCount + i + 1);
                            values.put(q.components.get(i), v == null ? 0 : (Number) v);
                        }
                        groups.add(new Group(keys, Metrics.of(values), values));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
            return groups;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Active hours per agent: for each agent and working day (in the business time zone), from the
     * first dial to the end of the last call (dial time + agent call duration).
     */
    public Map<Integer, Double> activeHoursByAgent(CallFilter filter) {
        try (Connection c = dataSource.getConnection()) {
            ReportQuery.ResolvedFilter resolved = resolve(c, filter);
            List<Object> params = new ArrayList<>();
            params.add(businessZone().getId());
            String where = resolved.where(params);
            String sql = "SELECT agent_key, sum(extract(epoch FROM last_end - first_dial)) / 3600.0 FROM ("
                    + "SELECT c.agent_key, (c.dial_time AT TIME ZONE ?)::date AS work_day, min(c.dial_time) AS first_dial, "
                    + "max(c.dial_time + coalesce(c.agent_call_duration_s, 0) * interval '1 second') AS last_end "
                    + "FROM call c" + where + (where.isEmpty() ? " WHERE " : " AND ") + "c.agent_key IS NOT NULL "
                    + "GROUP BY 1, 2) agent_day GROUP BY 1";
            Map<Integer, Double> hours = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hours.put(rs.getInt(1), rs.getDouble(2));
                    }
                }
            }
            return hours;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /** Ids and names of campaigns, advertisers and agents by their keys. */
    public Names names() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            Map<Integer, String[]> campaigns = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT cp.campaign_key, cp.campaign_id, cp.name, a.advertiser_id "
                    + "FROM campaign cp LEFT JOIN advertiser a ON a.advertiser_key = cp.advertiser_key")) {
                while (rs.next()) {
                    campaigns.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            Map<Integer, String[]> advertisers = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT advertiser_key, advertiser_id, name FROM advertiser")) {
                while (rs.next()) {
                    advertisers.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            Map<Integer, String[]> agents = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT agent_key, agent_id, name, team FROM agent")) {
                while (rs.next()) {
                    agents.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return new Names(campaigns, advertisers, agents);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ReportQuery.ResolvedFilter resolve(Connection c, CallFilter filter) throws SQLException {
        CallFilter f = CallFilter.orEmpty(filter);
        if (f.from != null && f.to != null && !f.from.isBefore(f.to)) {
            throw new BadInputException("filter.from (" + f.from + ") must be before filter.to (" + f.to + ")");
        }
        StatusNormalizer statuses = ingest.loadStatusNormalizer(c);
        return new ReportQuery.ResolvedFilter(ts(f.from), ts(f.to), list(f.campaignIds, Function.identity()),
                list(f.advertiserIds, Function.identity()), list(f.agentIds, Function.identity()),
                list(f.callStatuses, statuses::callStatus), list(f.leadStatuses, statuses::leadStatus));
    }

    private static OffsetDateTime ts(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static List<String> list(List<String> values, Function<String, String> normalise) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null) {
                String n = normalise.apply(v.strip());
                if (n != null) {
                    out.add(n);
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof List<?> list) {
                Array array = c.createArrayOf("text", list.toArray());
                ps.setArray(i + 1, array);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

}
