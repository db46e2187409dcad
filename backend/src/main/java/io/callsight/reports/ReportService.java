package io.callsight.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.callsight.calls.StatusNormalizer;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;
import io.callsight.common.ReadConnections;
import io.callsight.common.SqlParams;
import io.callsight.common.Transactions;
import io.callsight.feeds.FeedLeadSql;
import io.callsight.security.AccessScope;

/** Runs catalog reports against the call fact. */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    @Inject
    AccessScope scope;

    /** Read-only: a replica's connections when one serves the caller (CALLSIGHT_REPLICA_URL), the primary's otherwise. */
    @Inject
    ReadConnections reads;

    @Inject
    BusinessTime businessTime;

    /** Runs the call-fact part of a report next to its rollup part. */
    private final ExecutorService edgeQueries = Executors.newFixedThreadPool(
            2, r -> {
                Thread t = new Thread(r, "report-edge-query");
                t.setDaemon(true);
                return t;
            });

    @PreDestroy
    void stop() {
        edgeQueries.shutdownNow();
    }

    /** One group of an aggregate report: its key values (as stored) and its metrics. */
    public record Group(Object[] keys, Metrics metrics, Map<Component, Number> components) {
    }

    /** Names of the dimension members, by key. */
    public record Names(Map<Integer, String[]> campaigns, Map<Integer, String[]> advertisers,
            Map<Integer, String[]> agents) {
    }

    public ZoneId businessZone() {
        return businessTime.zone();
    }

    /** How an aggregate is computed: rollups where they answer exactly (AUTO), or the call fact alone. */
    enum Strategy {
        AUTO, RAW
    }

    /** Aggregates calls matching {@code filter} by the dimensions (and bucket) into the measures. */
    public List<Group> aggregate(CallFilter filter, List<Dimension> dimensions, TimeBucket bucket,
            Set<Measure> measures, ZoneId zone) {
        return aggregate(filter, dimensions, bucket, measures, zone, Strategy.AUTO);
    }

    List<Group> aggregate(CallFilter filter, List<Dimension> dimensions, TimeBucket bucket, Set<Measure> measures,
            ZoneId zone, Strategy strategy) {
        long start = System.nanoTime();
        Set<Component> wanted = Measure.componentsOf(measures);
        List<Component> components = List.copyOf(wanted.isEmpty() ? EnumSet.of(Component.CALLS) : wanted);
        List<Dimension> dims = List.copyOf(dimensions);
        ReadConnections.Choice db = reads.choose(); // both connections of a report on one server (one snapshot)
        try (Connection c = db.connection()) {
            ReportQuery.ResolvedFilter resolved = resolve(c, filter);
            Map<List<Object>, Map<Component, Number>> acc = Transactions.inTransaction(c, tx -> {
                try (Statement st = tx.createStatement()) {
                    st.execute("SET LOCAL work_mem = '128MB'");
                    st.execute("SET LOCAL jit = off");
                }
                Map<List<Object>, Map<Component, Number>> into = new LinkedHashMap<>();
                boolean rollups = strategy == Strategy.AUTO && bucket == null;
                RollupQuery.DayTable dayTable = RollupQuery.DayTable.serving(dims, resolved);
                // whole-day buckets in the zone the day rollups were cut in come from them as well
                boolean dayBuckets = strategy == Strategy.AUTO && RollupQuery.wholeDays(bucket)
                        && zone != null && zone.normalized().equals(businessZone().normalized());
                if ((rollups || dayBuckets) && RollupQuery.additiveOnly(wanted) && dayTable != null) {
                    viaDayRollup(tx, dayTable, resolved, dims, bucket, components, into);
                } else if (dayBuckets && bucket == TimeBucket.DAY && RollupQuery.LEAD_DIMENSIONS.containsAll(dims)
                        && resolved.leadLevelOnly()) {
                    viaLeadDays(tx, resolved, dims, components, into);
                } else if (rollups && RollupQuery.LEAD_DIMENSIONS.containsAll(dims) && resolved.leadLevelOnly()) {
                    viaLeadRollup(db, tx, resolved, dims, components, zone, into);
                } else {
                    raw(tx, resolved, dims, bucket, components, zone, into);
                }
                return into;
            });
            List<Group> groups = new ArrayList<>(acc.size());
            acc.forEach((keys, values) -> groups.add(new Group(keys.toArray(), Metrics.of(values), values)));
            LOG.debugf("aggregate %s by %s%s: %d groups in %.1f ms", wanted, dims, bucket == null ? "" : " per " + bucket,
                    groups.size(), (System.nanoTime() - start) / 1e6);
            return groups;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Leads from the lead rollup; leads straddling the window's edges come from the call fact, on a
     * second connection while this one reads the rollup (two cores, two queries). Both read one
     * snapshot (this transaction's, exported to the other connection): which leads straddle an edge
     * is decided by each query, and a call committed between two snapshots (events are applied every
     * second) could move a lead from one side to the other, counting it twice or not at all.
     */
    private void viaLeadRollup(ReadConnections.Choice db, Connection c, ReportQuery.ResolvedFilter resolved, List<Dimension> dims,
            List<Component> components, ZoneId zone, Map<List<Object>, Map<Component, Number>> acc)
            throws SQLException {
        DaySplit split = DaySplit.of(resolved.from(), resolved.to(), businessZone());
        if (split.interior() && split.edges().isEmpty() && (resolved.from() != null || resolved.to() != null)) {
            viaWholeDays(c, resolved, dims, components, split, acc);
            return;
        }
        Future<Map<List<Object>, Map<Component, Number>>> edges = null;
        if (resolved.from() != null || resolved.to() != null) {
            String snapshot = exportSnapshot(c);
            edges = edgeQueries.submit(() -> {
                try (Connection e = db.connection()) {
                    return Transactions.inTransaction(e, tx -> {
                        importSnapshot(tx, snapshot);
                        Map<List<Object>, Map<Component, Number>> edgeAcc = new LinkedHashMap<>();
                        raw(tx, resolved.edgeLeads(), dims, null, components, zone, edgeAcc);
                        return edgeAcc;
                    });
                }
            });
        }
        if (edges != null) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0"); // the other core is busy
            }
        }
        try {
            for (Map.Entry<String, List<Object>> part : leadRollupParts(resolved, dims, components).entrySet()) {
                run(c, part.getKey(), part.getValue(), dims.size(), components, zone, acc);
            }
        } catch (SQLException | RuntimeException e) {
            if (edges != null) {
                edges.cancel(true); // its snapshot goes with this transaction
            }
            throw e;
        }
        if (edges != null) {
            merge(acc, await(edges));
        }
    }

    /**
     * A window of whole working days, all from rollups on this connection: the additive components from
     * status_day_rollup; the distinct-lead ones of the leads inside the window from the lead rollups and
     * of the leads straddling its edges from their lead_day_rollup rows of the window's days.
     */
    private void viaWholeDays(Connection c, ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            DaySplit split, Map<List<Object>, Map<Component, Number>> acc) throws SQLException {
        ZoneId zone = businessZone();
        List<Component> additive = components.stream().filter(comp -> !comp.distinctLeads).toList();
        List<Component> distinct = components.stream().filter(comp -> comp.distinctLeads).toList();
        if (!additive.isEmpty()) {
            viaDayRollup(c, RollupQuery.DayTable.STATUS_DAY, f, dims, null, additive, acc);
        }
        if (!distinct.isEmpty()) {
            Map<String, List<Object>> parts = leadRollupParts(f, dims, distinct);
            List<Object> params = new ArrayList<>();
            parts.put(RollupQuery.edgeLeadDays(f, dims, distinct, split.fromDay(), split.toDay(), params), params);
            for (Map.Entry<String, List<Object>> part : parts.entrySet()) {
                run(c, part.getKey(), part.getValue(), dims.size(), distinct, zone, acc);
            }
        }
    }

    /**
     * The lead-rollup queries (SQL and its binds) that together count every lead whose calls all fall in
     * the window once: not-shared leads over whole working days from lead_span_rollup, over the cut days
     * at the window's ends from lead_rollup, and the shared leads from lead_rollup.
     */
    private Map<String, List<Object>> leadRollupParts(ReportQuery.ResolvedFilter f, List<Dimension> dims,
            List<Component> components) {
        ZoneId zone = businessZone();
        DaySplit split = DaySplit.of(f.from(), f.to(), zone);
        Map<String, List<Object>> parts = new LinkedHashMap<>();
        if (split.interior()) {
            List<Object> params = new ArrayList<>();
            parts.put(RollupQuery.leadSpans(f, dims, components, split.fromDay(), split.toDay(), params), params);
        }
        OffsetDateTime fromStart = split.interior() && f.from() != null
                ? split.fromDay().atStartOfDay(zone).toOffsetDateTime() : null;
        OffsetDateTime toStart = split.interior() && f.to() != null
                ? split.toDay().atStartOfDay(zone).toOffsetDateTime() : null;
        boolean cutFrom = fromStart != null && f.from().isBefore(fromStart);
        boolean cutTo = toStart != null && toStart.isBefore(f.to());
        if (!split.interior()) {
            // shorter than a working day: every lead inside it from lead_rollup (the window bounds the first dial)
            List<Object> params = new ArrayList<>();
            parts.put(RollupQuery.leadsOnCutDays(f, dims, components, f.to(), null, params), params);
        } else if (cutFrom || cutTo) {
            List<Object> params = new ArrayList<>();
            parts.put(RollupQuery.leadsOnCutDays(f, dims, components, cutFrom ? fromStart : null,
                    cutTo ? toStart : null, params), params);
        }
        List<Object> params = new ArrayList<>();
        parts.put(RollupQuery.sharedLeads(f, dims, components, params), params);
        return parts;
    }

    /**
     * Makes the caller's transaction (nothing read in it yet) REPEATABLE READ, takes its snapshot and
     * exports it; the id is valid until the transaction ends.
     */
    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Makes the transaction of {@code c} (nothing read in it yet) read in an exported snapshot. */
    private static void importSnapshot(Connection c, String snapshot) throws SQLException {
        if (!snapshot.matches("[0-9A-Fa-f-]+")) { // spliced into the statement: SET takes no bind parameters
            throw new SQLException("unexpected snapshot id " + snapshot);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
    }

    /** Whole working days from a day rollup, the cut days at the window's ends from the call fact. */
    /**
     * Additive components from a day rollup over the window's whole working days, and from the call fact
     * over its partial first and last days; per {@code bucket} (null, or a whole-day bucket in the
     * business zone: a day's calls all fall in its day's bucket, so both parts key alike).
     */
    private void viaDayRollup(Connection c, RollupQuery.DayTable table, ReportQuery.ResolvedFilter f, List<Dimension> dims,
            TimeBucket bucket, List<Component> components, Map<List<Object>, Map<Component, Number>> acc)
            throws SQLException {
        ZoneId zone = businessZone();
        DaySplit split = DaySplit.of(f.from(), f.to(), zone);
        if (split.interior()) {
            List<Object> params = new ArrayList<>();
            String sql = RollupQuery.days(table, f, dims, bucket, components, split.fromDay(), split.toDay(), params);
            run(c, sql, params, dims.size() + (bucket == null ? 0 : 1), components, zone, acc);
        }
        for (OffsetDateTime[] edge : split.edges()) {
            raw(c, f.window(edge[0], edge[1]), dims, bucket, components, bucket == null ? null : zone, acc);
        }
    }

    /**
     * Per working day by campaign or advertiser (lead-level filters only): over the window's whole days the
     * additive components from status_day_rollup and the distinct-lead ones from lead_day_count (leads alone
     * under one campaign and advertiser that day) plus lead_day_rollup's shared rows; its cut first and last
     * days from the call fact.
     */
    private void viaLeadDays(Connection c, ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            Map<List<Object>, Map<Component, Number>> acc) throws SQLException {
        ZoneId zone = businessZone();
        DaySplit split = DaySplit.of(f.from(), f.to(), zone);
        if (split.interior()) {
            List<Component> additive = components.stream().filter(comp -> !comp.distinctLeads).toList();
            List<Component> distinct = components.stream().filter(comp -> comp.distinctLeads).toList();
            int keys = dims.size() + 1;
            if (!additive.isEmpty()) {
                List<Object> params = new ArrayList<>();
                String sql = RollupQuery.days(RollupQuery.DayTable.STATUS_DAY, f, dims, TimeBucket.DAY, additive,
                        split.fromDay(), split.toDay(), params);
                run(c, sql, params, keys, additive, zone, acc);
            }
            if (!distinct.isEmpty()) {
                List<Object> params = new ArrayList<>();
                run(c, RollupQuery.leadDayCounts(f, dims, distinct, split.fromDay(), split.toDay(), params), params, keys,
                        distinct, zone, acc);
                params = new ArrayList<>();
                run(c, RollupQuery.sharedLeadDays(f, dims, distinct, split.fromDay(), split.toDay(), params), params, keys,
                        distinct, zone, acc);
            }
        }
        for (OffsetDateTime[] edge : split.edges()) {
            raw(c, f.window(edge[0], edge[1]), dims, TimeBucket.DAY, components, zone, acc);
        }
    }

    private void raw(Connection c, ReportQuery.ResolvedFilter f, List<Dimension> dims, TimeBucket bucket,
            List<Component> components, ZoneId zone, Map<List<Object>, Map<Component, Number>> acc)
            throws SQLException {
        ReportQuery q = new ReportQuery(f, dims, bucket, EnumSet.copyOf(components), zone == null ? businessZone() : zone);
        run(c, q.sql, q.params, q.keyCount(), q.components, zone, acc);
    }

    /** Runs a grouped query (keys first, then components) and adds its rows into {@code acc}. */
    private static void run(Connection c, String sql, List<Object> params, int keyCount, List<Component> components,
            ZoneId zone, Map<List<Object>, Map<Component, Number>> acc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParams.bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> keys = new ArrayList<>(keyCount);
                    for (int i = 0; i < keyCount; i++) {
                        Object v = rs.getObject(i + 1);
                        if (v instanceof Timestamp ts) {
                            // date_trunc of a local time: the bucket start as local wall time in the zone
                            v = ts.toLocalDateTime().atZone(zone).toOffsetDateTime();
                        }
                        keys.add(v);
                    }
                    Map<Component, Number> values = acc.computeIfAbsent(keys, k -> new EnumMap<>(Component.class));
                    for (int i = 0; i < components.size(); i++) {
                        Object v = rs.getObject(keyCount + i + 1);
                        values.merge(components.get(i), v == null ? 0L : (Number) v, ReportService::add);
                    }
                }
            }
        }
    }

    private static void merge(Map<List<Object>, Map<Component, Number>> into,
            Map<List<Object>, Map<Component, Number>> from) {
        from.forEach((keys, values) -> {
            Map<Component, Number> target = into.computeIfAbsent(keys, k -> new EnumMap<>(Component.class));
            values.forEach((component, v) -> target.merge(component, v, ReportService::add));
        });
    }

    private static <T> T await(Future<T> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Number add(Number a, Number b) {
        if (a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float) {
            return a.doubleValue() + b.doubleValue();
        }
        return a.longValue() + b.longValue();
    }

    /**
     * Active hours per agent: for each agent and working day (in the business time zone), from the
     * first dial to the end of the last call (dial time + agent call duration).
     */
    public Map<Integer, Double> activeHoursByAgent(CallFilter filter) {
        try (Connection c = reads.connection()) {
            ReportQuery.ResolvedFilter resolved = resolve(c, filter);
            Map<Integer, Double> seconds = new HashMap<>();
            boolean statusFilter = resolved.callStatuses() != null || resolved.leadStatuses() != null;
            DaySplit split = statusFilter ? DaySplit.none(resolved.from(), resolved.to()) // no statuses in agent_day_rollup
                    : DaySplit.of(resolved.from(), resolved.to(), businessZone());
            if (split.interior()) {
                List<Object> params = new ArrayList<>();
                String sql = RollupQuery.activeSeconds(resolved, split.fromDay(), split.toDay(), params);
                addSeconds(c, sql, params, seconds);
            }
            for (OffsetDateTime[] edge : split.edges()) {
                List<Object> params = new ArrayList<>();
                params.add(businessZone().getId());
                String where = resolved.window(edge[0], edge[1]).where(params);
                String sql = "SELECT agent_key, sum(extract(epoch FROM last_end - first_dial)) FROM ("
                        + "SELECT c.agent_key, (c.dial_time AT TIME ZONE ?)::date AS work_day, min(c.dial_time) AS first_dial, "
                        + "max(c.dial_time + coalesce(c.agent_call_duration_s, 0) * interval '1 second') AS last_end "
                        + "FROM call c" + where + (where.isEmpty() ? " WHERE " : " AND ") + "c.agent_key IS NOT NULL "
                        + "GROUP BY 1, 2) agent_day GROUP BY 1";
                addSeconds(c, sql, params, seconds);
            }
            Map<Integer, Double> hours = new HashMap<>();
            seconds.forEach((agent, s) -> hours.put(agent, s / 3600.0));
            return hours;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Distinct leads with an Interested call per agent (conversion_call holds exactly the Interested
     * calls). The caller has checked that a lead-status filter, if any, admits Interested. An (agent,
     * lead) pair with one such call (not repeated, V059) is counted by rows: from agent_conversion_day
     * over the window's whole working days, from conversion_call over its cut days; repeated pairs by
     * DISTINCT over their (few) rows.
     */
    public Map<Integer, Long> leadsConvertedByAgent(CallFilter filter) {
        try (Connection c = reads.connection()) {
            ReportQuery.ResolvedFilter f = resolve(c, filter);
            ReportQuery.ResolvedFilter noLeadStatus = new ReportQuery.ResolvedFilter(f.from(), f.to(), f.campaignIds(),
                    f.advertiserIds(), f.agentIds(), f.callStatuses(), null, false);
            DaySplit split = DaySplit.of(f.from(), f.to(), businessZone());
            Map<Integer, Long> out = new HashMap<>();
            if (split.interior()) {
                List<Object> params = new ArrayList<>();
                String sql = "SELECT r.agent_key, sum(r.leads) FROM agent_conversion_day r"
                        + where(RollupQuery.dayClauses(noLeadStatus, split.fromDay(), split.toDay(), params)) + " GROUP BY 1";
                addCounts(c, sql, params, out);
            }
            for (OffsetDateTime[] edge : split.edges()) {
                List<Object> params = new ArrayList<>();
                String sql = "SELECT r.agent_key, count(*) FROM conversion_call r"
                        + where(conversionClauses(noLeadStatus.window(edge[0], edge[1]), "NOT r.repeated", params)) + " GROUP BY 1";
                addCounts(c, sql, params, out);
            }
            List<Object> params = new ArrayList<>();
            String sql = "SELECT r.agent_key, count(DISTINCT r.lead_key) FROM conversion_call r"
                    + where(conversionClauses(noLeadStatus, "r.repeated", params)) + " GROUP BY 1";
            addCounts(c, sql, params, out);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /** conversion_call rows (alias r) with an agent, {@code flag}, in the filter's window and dimensions. */
    private static List<String> conversionClauses(ReportQuery.ResolvedFilter f, String flag, List<Object> params) {
        List<String> where = new ArrayList<>();
        where.add("r.agent_key IS NOT NULL");
        where.add(flag);
        if (f.from() != null) {
            where.add("r.dial_time >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.add("r.dial_time < ?");
            params.add(f.to());
        }
        where.addAll(f.dimensionClauses("r", params));
        return where;
    }

    private static String where(List<String> clauses) {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static void addCounts(Connection c, String sql, List<Object> params, Map<Integer, Long> counts)
            throws SQLException {
        addPerKey(c, sql, params, counts, rs -> rs.getLong(2), Long::sum);
    }

    /** How a row's value is read. */
    @FunctionalInterface
    private interface Value<V> {
        V read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} (key in column 1, a value in column 2) and merges each row's value into {@code into}. */
    private static <V> void addPerKey(Connection c, String sql, List<Object> params, Map<Integer, V> into, Value<V> value,
            BinaryOperator<V> merge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParams.bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.merge(rs.getInt(1), value.read(rs), merge);
                }
            }
        }
    }

    /** Returns over the filter: per key, {leads returned, leads that entered the feed}. */
    public record Returns(long returned, long inFeed) {
    }

    /**
     * Leads that entered an advertiser's feed with their verifying call in the filter, and how many
     * of them the advertiser returned, per campaign or per agent of that call.
     */
    public Map<Integer, Returns> returnsBy(CallFilter filter, Dimension by) {
        if (by != Dimension.CAMPAIGN && by != Dimension.AGENT) {
            throw new IllegalArgumentException("returns are counted per campaign or agent, not " + by);
        }
        try (Connection c = reads.connection()) {
            ReportQuery.ResolvedFilter f = resolve(c, filter);
            List<Object> params = new ArrayList<>();
            String key = by == Dimension.CAMPAIGN ? "c.campaign_key" : "c.agent_key";
            // The feed row carries its verifying call's time, campaign, advertiser and agent; only a
            // status filter needs the call itself.
            String from = FeedLeadSql.verifyingCalls(f.callStatuses() != null || f.leadStatuses() != null) + " c";
            String sql = "SELECT " + key + ", count(*) FILTER (WHERE c." + FeedLeadSql.RETURNED_AT + " IS NOT NULL), count(*) FROM " + from
                    + f.where(params) + " GROUP BY 1";
            Map<Integer, Returns> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                SqlParams.bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), new Returns(rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    private static void addSeconds(Connection c, String sql, List<Object> params, Map<Integer, Double> seconds)
            throws SQLException {
        addPerKey(c, sql, params, seconds, rs -> rs.getDouble(2), Double::sum);
    }

    /** Ids and names of campaigns, advertisers and agents by their keys. */
    public Names names() {
        try (Connection c = reads.connection(); Statement st = c.createStatement()) {
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

    /**
     * The WHERE clause (empty or starting with " WHERE ") of {@code filter} over the call fact aliased {@code c},
     * with the caller's advertiser scope, its values appended to {@code params}: for other features' queries
     * that join the fact (the compliance report).
     */
    public String callWhere(Connection c, CallFilter filter, List<Object> params) throws SQLException {
        return resolve(c, filter).where(params);
    }

    ReportQuery.ResolvedFilter resolve(Connection c, CallFilter filter) throws SQLException {
        CallFilter f = CallFilter.orEmpty(filter);
        if (f.from != null && f.to != null && !f.from.isBefore(f.to)) {
            throw new BadInputException("filter.from (" + f.from + ") must be before filter.to (" + f.to + ")");
        }
        StatusNormalizer statuses = StatusNormalizer.load(c);
        return new ReportQuery.ResolvedFilter(ts(f.from), ts(f.to), list(f.campaignIds, Function.identity()),
                scope.advertiserIds(list(f.advertiserIds, Function.identity())), list(f.agentIds, Function.identity()),
                list(f.callStatuses, statuses::callStatus), list(f.leadStatuses, statuses::leadStatus), false);
    }

    /**
     * A window bound in UTC, rounded up to whole microseconds: dial times are stored in microseconds,
     * and for those {@code t >= from} and {@code t < to} then hold exactly as for the bound as given.
     * The driver would round nanoseconds half up instead (a call up to half a microsecond before
     * {@code from} counted, one as close before {@code to} not).
     */
    private static OffsetDateTime ts(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime micros = utc.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(utc) ? utc : micros.plus(1, ChronoUnit.MICROS);
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


}
