package io.callsight.servicelevels;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.ReadConnections;
import io.callsight.common.SqlParams;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.common.Transactions;

/** Queue metrics per period from the chosen metric rows; conflicts and the user's choice between versions. */
@ApplicationScoped
public class ServiceMetricQueryService {

    @Inject
    AgroalDataSource dataSource;

    /** Read-only report queries: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    @Inject
    Transactions transactions;

    public List<ServiceMetricRow> metrics(ServiceMetricFilter filter, ServiceBucket bucket, String queue) {
        if (filter != null && filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new BadInputException("from must be before to (to is exclusive)");
        }
        ServiceBucket b = bucket == null ? ServiceBucket.DAY : bucket;
        List<ServiceMetricRow> rows = new ArrayList<>(fromCalls(filter, b, queue));
        if (!b.intraday()) {
            rows.addAll(fromFiles(filter, b, queue));
        }
        rows.sort(Comparator.comparing(ServiceMetricRow::queue).thenComparing(ServiceMetricRow::periodStart));
        return rows;
    }

    private List<ServiceMetricRow> fromFiles(ServiceMetricFilter filter, ServiceBucket b, String queue) {
        String unit = b.name().toLowerCase(Locale.ROOT);
        // A monthly row cannot be split into days or weeks: finer buckets read daily rows only.
        StringBuilder sql = new StringBuilder("SELECT date_trunc('" + unit + "', sm.period_start)::date AS period, q.name, "
                + "sum(sm.offered), sum(sm.handled), sum(sm.abandoned), "
                + "sum(sm.asa_s * sm.handled) FILTER (WHERE sm.asa_s IS NOT NULL AND sm.handled IS NOT NULL) "
                + "  / nullif(sum(sm.handled) FILTER (WHERE sm.asa_s IS NOT NULL AND sm.handled IS NOT NULL), 0), "
                + "sum(sm.service_level * sm.handled) FILTER (WHERE sm.service_level IS NOT NULL AND sm.handled IS NOT NULL) "
                + "  / nullif(sum(sm.handled) FILTER (WHERE sm.service_level IS NOT NULL AND sm.handled IS NOT NULL), 0), "
                + "max(sm.service_level_within_s), "
                + "sum(sm.handled) FILTER (WHERE sm.offered IS NOT NULL AND sm.handled IS NOT NULL)::float8 "
                + "  / nullif(sum(sm.offered) FILTER (WHERE sm.offered IS NOT NULL AND sm.handled IS NOT NULL), 0), "
                + "sum(sm.abandoned) FILTER (WHERE sm.offered IS NOT NULL AND sm.abandoned IS NOT NULL)::float8 "
                + "  / nullif(sum(sm.offered) FILTER (WHERE sm.offered IS NOT NULL AND sm.abandoned IS NOT NULL), 0), "
                + "count(*), count(*) FILTER (WHERE sm.offered <> sm.handled + sm.abandoned) "
                + "FROM service_metric sm JOIN queue q USING (queue_key) WHERE sm.chosen");
        List<Object> params = new ArrayList<>();
        if (b != ServiceBucket.MONTH) {
            sql.append(" AND sm.granularity = 'DAY'");
        }
        if (queue != null && !queue.isBlank()) {
            sql.append(" AND q.name = ?");
            params.add(queue.strip());
        }
        if (filter != null && filter.from() != null) {
            sql.append(" AND sm.period_start >= ?");
            params.add(Date.valueOf(filter.from()));
        }
        if (filter != null && filter.to() != null) {
            sql.append(" AND sm.period_start < ?");
            params.add(Date.valueOf(filter.to()));
        }
        sql.append(" GROUP BY 1, 2 ORDER BY 2, 1");
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            SqlParams.bind(c, ps, params);
            List<ServiceMetricRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ServiceMetricRow(rs.getDate(1).toLocalDate().atStartOfDay(), rs.getString(2), lng(rs, 3), lng(rs, 4),
                            lng(rs, 5), dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), null, null, rs.getInt(11),
                            rs.getInt(12)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Service metrics query failed: " + e.getMessage(), e);
        }
    }

    private List<ServiceMetricRow> fromCalls(ServiceMetricFilter filter, ServiceBucket b, String queue) {
        String at = "coalesce(ic.queue_start, ic.service_start, ic.vru_exit, ic.vru_entry)";
        String period = switch (b) {
            case MINUTES_15 -> "date_trunc('hour', " + at + ") + floor(extract(minute FROM " + at + ") / 15) * interval '15 minutes'";
            case MINUTES_30 -> "date_trunc('hour', " + at + ") + floor(extract(minute FROM " + at + ") / 30) * interval '30 minutes'";
            default -> "date_trunc('" + b.name().toLowerCase(Locale.ROOT) + "', " + at + ")";
        };
        String offered = "(ic.outcome = 'AGENT' OR (ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL))";
        String abandoned = "(ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL)";
        StringBuilder sql = new StringBuilder("SELECT " + period + " AS period, q.name, "
                + "count(*) FILTER (WHERE " + offered + "), count(*) FILTER (WHERE ic.outcome = 'AGENT'), "
                + "count(*) FILTER (WHERE " + abandoned + "), "
                + "avg(ic.wait_s) FILTER (WHERE ic.outcome = 'AGENT'), "
                + "count(*) FILTER (WHERE ic.outcome = 'AGENT' AND ic.wait_s <= q.answer_within_s)::float8 "
                + "  / nullif(count(*) FILTER (WHERE " + offered + ") - count(*) FILTER (WHERE " + abandoned
                + "    AND ic.wait_s < q.short_abandon_s), 0), "
                + "max(q.answer_within_s), "
                + "avg(ic.service_s) FILTER (WHERE ic.outcome = 'AGENT' AND ic.service_s > 0), "
                + "max(ic.wait_s) FILTER (WHERE " + offered + "), count(*) "
                + "FROM inbound_call ic JOIN queue q USING (queue_key) WHERE true");
        List<Object> params = new ArrayList<>();
        if (queue != null && !queue.isBlank()) {
            sql.append(" AND q.name = ?");
            params.add(queue.strip());
        }
        if (filter != null && filter.from() != null) {
            sql.append(" AND ").append(at).append(" >= ?");
            params.add(Timestamp.valueOf(filter.from().atStartOfDay()));
        }
        if (filter != null && filter.to() != null) {
            sql.append(" AND ").append(at).append(" < ?");
            params.add(Timestamp.valueOf(filter.to().atStartOfDay()));
        }
        sql.append(" GROUP BY 1, 2 HAVING count(*) FILTER (WHERE " + offered + ") > 0 ORDER BY 2, 1");
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            SqlParams.bind(c, ps, params);
            List<ServiceMetricRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long off = rs.getLong(3);
                    long handled = rs.getLong(4);
                    long aband = rs.getLong(5);
                    rows.add(new ServiceMetricRow(rs.getTimestamp(1).toLocalDateTime(), rs.getString(2), off, handled, aband,
                            dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), off == 0 ? null : (double) handled / off,
                            off == 0 ? null : (double) aband / off, dbl(rs, 9), dbl(rs, 10), rs.getInt(11), 0));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Service metrics from call logs failed: " + e.getMessage(), e);
        }
    }

    public List<ServiceMetricConflict> conflicts(String queue) {
        String sql = "SELECT q.name, sm.granularity, sm.period_start, sm.metric_id, sm.batch_id, sm.line, sm.chosen, sm.offered, "
                + "sm.handled, sm.abandoned, sm.asa_s, sm.service_level, sm.transferred_rate FROM service_metric sm "
                + "JOIN queue q USING (queue_key) WHERE sm.conflict" + (queue == null ? "" : " AND q.name = ?")
                + " ORDER BY q.name, sm.granularity, sm.period_start, sm.metric_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (queue != null) {
                ps.setString(1, queue.strip());
            }
            Map<String, ServiceMetricConflict> byPeriod = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getDate(3);
                    LocalDate period = rs.getDate(3).toLocalDate();
                    String q = rs.getString(1);
                    String g = rs.getString(2);
                    ServiceMetricConflict conflict = byPeriod.computeIfAbsent(key,
                            k -> new ServiceMetricConflict(q, g, period, new ArrayList<>()));
                    conflict.versions().add(new ServiceMetricVersion(Long.toString(rs.getLong(4)), rs.getLong(5),
                            rs.getInt(6), rs.getBoolean(7), lng(rs, 8), lng(rs, 9), lng(rs, 10), dbl(rs, 11), dbl(rs, 12),
                            dbl(rs, 13)));
                }
            }
            return new ArrayList<>(byPeriod.values());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the conflicts", e);
        }
    }

    public List<ServiceQueue> queues() {
        String sql = "SELECT q.name, q.answer_within_s, q.short_abandon_s, least(m.first_day, c.first_day), "
                + "greatest(m.last_day, c.last_day), m.kinds, c.calls FROM queue q "
                + "LEFT JOIN (SELECT queue_key, min(period_start) AS first_day, max(period_start) AS last_day, "
                + "  array_agg(DISTINCT granularity) AS kinds FROM service_metric GROUP BY queue_key) m USING (queue_key) "
                + "LEFT JOIN (SELECT queue_key, min(vru_entry)::date AS first_day, max(vru_entry)::date AS last_day, count(*) AS calls "
                + "  FROM inbound_call GROUP BY queue_key) c USING (queue_key) ORDER BY q.name";
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<ServiceQueue> all = new ArrayList<>();
            while (rs.next()) {
                List<String> sources = new ArrayList<>();
                if (rs.getLong(7) > 0) {
                    sources.add("CALLS");
                }
                Array kinds = rs.getArray(6);
                if (kinds != null) {
                    sources.addAll(Arrays.asList((String[]) kinds.getArray()));
                }
                Date first = rs.getDate(4);
                Date last = rs.getDate(5);
                all.add(new ServiceQueue(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                        first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate(), sources));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the queues", e);
        }
    }

    public void setTargets(String queue, Double answerWithin, Double shortAbandon) {
        if (answerWithin != null && !(answerWithin > 0)) {
            throw new BadInputException("answerWithinSeconds must be above 0");
        }
        if (shortAbandon != null && !(shortAbandon >= 0)) {
            throw new BadInputException("shortAbandonSeconds must be 0 or more");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE queue SET answer_within_s = coalesce(?, answer_within_s), "
                        + "short_abandon_s = coalesce(?, short_abandon_s) WHERE name = ?")) {
            ps.setObject(1, answerWithin, Types.DOUBLE);
            ps.setObject(2, shortAbandon, Types.DOUBLE);
            ps.setString(3, queue);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("No queue named '" + queue + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the queue's targets", e);
        }
    }

    /** Makes this version the one counted for its period. */
    public ServiceMetricConflict choose(long metricId) {
        String queue;
        try {
            queue = transactions.inTransaction(c -> {
                String q = lockQueueOf(c, metricId);
                try (PreparedStatement ps = c.prepareStatement("UPDATE service_metric o SET chosen = false FROM service_metric m "
                        + "WHERE m.metric_id = ? AND o.queue_key = m.queue_key AND o.granularity = m.granularity "
                        + "AND o.period_start = m.period_start AND o.metric_id <> m.metric_id AND o.chosen")) {
                    ps.setLong(1, metricId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE service_metric SET chosen = true WHERE metric_id = ?")) {
                    ps.setLong(1, metricId);
                    ps.executeUpdate();
                }
                return q;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not choose the version", e);
        }
        return conflicts(queue).stream().filter(k -> k.versions().stream().anyMatch(v -> v.metricId().equals(Long.toString(metricId))))
                .findFirst().orElse(null);
    }

    /** The queue of a metric row, the row locked until the transaction ends. */
    private static String lockQueueOf(Connection c, long metricId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT q.name FROM service_metric sm JOIN queue q USING (queue_key) "
                + "WHERE sm.metric_id = ? FOR UPDATE OF sm")) {
            ps.setLong(1, metricId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No service metric row " + metricId);
                }
                return rs.getString(1);
            }
        }
    }

    private static Long lng(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).longValue();
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).doubleValue();
    }
}
