package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.leadquality.LeadQualityTypes.Dimension;
import io.callsight.sources.SchemaRegistry;

/** The lead-quality answers: funnel, snapshots, quality reports, lead history, matching. */
@ApplicationScoped
public class LeadQualityService {

    @Inject
    AgroalDataSource dataSource;

    public List<LeadQualityTypes.Row> funnel(LeadQualityTypes.Filter filter, List<Dimension> groupBy) {
        LeadQualityTypes.Filter f = filter == null ? new LeadQualityTypes.Filter(null, null, null, null, null, null) : filter;
        Set<Dimension> dims = groupBy == null || groupBy.isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(groupBy);
        if (f.entryFrom() != null && f.entryTo() != null && !f.entryFrom().isBefore(f.entryTo())) {
            throw new BadInputException("entryFrom must be before entryTo (entryTo is exclusive)");
        }
        boolean perSnapshot = dims.contains(Dimension.SNAPSHOT_DATE);
        if (perSnapshot && dims.size() == 1 && f.entryFrom() == null && f.entryTo() == null
                && (f.states() == null || f.states().isEmpty()) && (f.cities() == null || f.cities().isEmpty())) {
            return storedTrend(f);
        }
        boolean callData = dims.contains(Dimension.CAMPAIGN) || dims.contains(Dimension.ADVERTISER) || dims.contains(Dimension.AGENT);
        List<Object> params = new ArrayList<>();
        // A lead's row as of day D: report_date <= D < valid_to (see lq_report_item.valid_to).
        StringBuilder sql = new StringBuilder("WITH base AS (SELECT ri.* FROM lq_report_item ri WHERE ri.source_key = "
                + "(SELECT source_key FROM crm_source WHERE name = ?)");
        params.add(source(f.source()));
        if (f.asOf() != null) {
            sql.append(" AND ri.report_date <= ?");
            params.add(Date.valueOf(f.asOf()));
            if (!perSnapshot) {
                sql.append(" AND (ri.valid_to IS NULL OR ri.valid_to > ?)");
                params.add(Date.valueOf(f.asOf()));
            }
        } else if (!perSnapshot) {
            sql.append(" AND ri.valid_to IS NULL");
        }
        // Two levels: one row per group and lead (its furthest stage), then plain counts per group. Hash
        // aggregation throughout: count(DISTINCT ...) would sort every row of every snapshot.
        sql.append("), per_lead AS (SELECT ");
        List<String> outer = new ArrayList<>();
        List<String> usedAliases = new ArrayList<>();
        List<String> groupExpressions = new ArrayList<>();
        List<String> orderAliases = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            String alias = "k_" + d.name().toLowerCase(Locale.ROOT);
            boolean used = dims.contains(d);
            sql.append(used ? keyExpression(d) : "NULL::text").append(" AS ").append(alias).append(", ");
            outer.add(used ? alias : "NULL");
            if (used) {
                usedAliases.add(alias);
                groupExpressions.add(keyExpression(d));
                orderAliases.add(alias + " NULLS LAST");
            }
            if (d == Dimension.CAMPAIGN || d == Dimension.ADVERTISER || d == Dimension.AGENT) {
                String nameAlias = "n_" + d.name().toLowerCase(Locale.ROOT);
                sql.append(used ? nameExpression(d) : "NULL::text").append(" AS ").append(nameAlias).append(", ");
                outer.add(used ? nameAlias : "NULL");
                if (used) {
                    usedAliases.add(nameAlias);
                    groupExpressions.add(nameExpression(d));
                }
            }
        }
        groupExpressions.add("b.lead_identity");
        // Only the dimensions a grouping or filter needs are joined (the per-snapshot trend reads ~200k rows).
        boolean place = dims.contains(Dimension.STATE) || dims.contains(Dimension.CITY)
                || (f.states() != null && !f.states().isEmpty()) || (f.cities() != null && !f.cities().isEmpty());
        boolean status = dims.contains(Dimension.DISPO) || dims.contains(Dimension.JOB_STATUS);
        boolean entry = dims.contains(Dimension.ENTRY_MONTH) || f.entryFrom() != null || f.entryTo() != null;
        sql.append("bool_or(l.delivered_lead_key IS NOT NULL) AS matched, max(b.stage) AS stage "
                + "FROM base b JOIN lq_lead l USING (lq_lead_key) ")
                .append(place ? "JOIN lq_place p USING (place_key) " : "")
                .append(status ? "JOIN lq_status st USING (status_key) " : "")
                .append(entry ? "LEFT JOIN lq_date ed ON ed.date_key = b.entry_date_key " : "");
        if (callData) {
            sql.append("LEFT JOIN lead dl ON dl.lead_key = l.delivered_lead_key "
                    + "LEFT JOIN campaign ca ON ca.campaign_key = dl.campaign_key "
                    + "LEFT JOIN advertiser ad ON ad.advertiser_key = coalesce(dl.advertiser_key, ca.advertiser_key) ");
            if (dims.contains(Dimension.AGENT)) {
                sql.append("LEFT JOIN (SELECT DISTINCT ON (lead_key) lead_key, agent_key FROM conversion_call "
                        + "ORDER BY lead_key, dial_time) conv ON conv.lead_key = dl.lead_key "
                        + "LEFT JOIN agent ag ON ag.agent_key = conv.agent_key ");
            }
        }
        sql.append("WHERE true");
        if (f.entryFrom() != null) {
            sql.append(" AND ed.day >= ?");
            params.add(Date.valueOf(f.entryFrom()));
        }
        if (f.entryTo() != null) {
            sql.append(" AND ed.day < ?");
            params.add(Date.valueOf(f.entryTo()));
        }
        if (f.states() != null && !f.states().isEmpty()) {
            sql.append(" AND p.state = ANY (?)");
            params.add(f.states().stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toArray(String[]::new));
        }
        if (f.cities() != null && !f.cities().isEmpty()) {
            sql.append(" AND lower(p.city) = ANY (?)");
            params.add(f.cities().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        }
        sql.append(" GROUP BY ").append(String.join(", ", groupExpressions)).append(") SELECT ")
                .append(String.join(", ", outer))
                .append(", count(*), count(*) FILTER (WHERE matched), count(*) FILTER (WHERE stage >= 1), "
                        + "count(*) FILTER (WHERE stage >= 2), count(*) FILTER (WHERE stage >= 3) FROM per_lead");
        if (!orderAliases.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", usedAliases)).append(" ORDER BY ").append(String.join(", ", orderAliases));
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            // The per-lead level hashes every row of the chosen snapshots: give it memory, for this query only.
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '64MB'");
            }
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof String[] a) {
                    ps.setArray(i + 1, c.createArrayOf("text", a));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            List<LeadQualityTypes.Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(13);
                    long set = rs.getLong(15);
                    long demos = rs.getLong(16);
                    long sales = rs.getLong(17);
                    Date month = rs.getDate(3);
                    Date snapshot = rs.getDate(6);
                    rows.add(new LeadQualityTypes.Row(rs.getString(1), rs.getString(2),
                            month == null ? null : month.toLocalDate(), rs.getString(4), rs.getString(5),
                            snapshot == null ? null : snapshot.toLocalDate(), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), delivered,
                            rs.getLong(14), set, demos, sales, ratio(set, delivered), ratio(demos, set),
                            ratio(sales, delivered)));
                }
            }
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Lead quality funnel failed: " + e.getMessage(), e);
        }
    }

    /** The funnel of each snapshot, as stored at ingest (the trend over snapshots, without other filters). */
    private List<LeadQualityTypes.Row> storedTrend(LeadQualityTypes.Filter f) {
        String sql = "SELECT report_date, funnel_delivered, funnel_matched, funnel_set, funnel_demos, funnel_sales "
                + "FROM crm_snapshot WHERE source_key = (SELECT source_key FROM crm_source WHERE name = ?) "
                + (f.asOf() == null ? "" : "AND report_date <= ? ") + "ORDER BY report_date";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source(f.source()));
            if (f.asOf() != null) {
                ps.setDate(2, Date.valueOf(f.asOf()));
            }
            List<LeadQualityTypes.Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(2);
                    long set = rs.getLong(4);
                    long demos = rs.getLong(5);
                    long sales = rs.getLong(6);
                    rows.add(new LeadQualityTypes.Row(null, null, null, null, null, rs.getDate(1).toLocalDate(), null, null,
                            null, null, null, null, delivered, rs.getLong(3), set, demos, sales, ratio(set, delivered),
                            ratio(demos, set), ratio(sales, delivered)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the snapshot funnels", e);
        }
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static String keyExpression(Dimension d) {
        return switch (d) {
            case STATE -> "p.state";
            case CITY -> "initcap(lower(p.city))";
            case ENTRY_MONTH -> "ed.month_start";
            case JOB_STATUS -> "st.job_status";
            case DISPO -> "st.dispo";
            case SNAPSHOT_DATE -> "b.report_date";
            case CAMPAIGN -> "ca.campaign_id";
            case ADVERTISER -> "ad.advertiser_id";
            case AGENT -> "ag.agent_id";
        };
    }

    private static String nameExpression(Dimension d) {
        return switch (d) {
            case CAMPAIGN -> "ca.name";
            case ADVERTISER -> "ad.name";
            case AGENT -> "ag.name";
            default -> throw new IllegalArgumentException(d.name());
        };
    }

    static String source(String name) {
        return name == null || name.isBlank() ? SchemaRegistry.DEFAULT_SOURCE : name.strip();
    }

    public List<LeadQualityTypes.Snapshot> snapshots(String source) {
        String sql = "SELECT sn.snapshot_id, s.name, sn.report_date, sn.report_date_from, sn.file_name, sn.received_at, "
                + "sn.checksum_sha256, sn.rows_read, sn.rows_loaded, sn.sentinel_rows, "
                + "(SELECT count(*) FROM crm_value_issue i WHERE i.snapshot_id = sn.snapshot_id), sn.header, sn.unknown_columns, "
                + "(SELECT count(*) FROM crm_quality_check q WHERE q.snapshot_id = sn.snapshot_id AND q.severity = 'ERROR'), "
                + "(SELECT count(*) FROM crm_quality_check q WHERE q.snapshot_id = sn.snapshot_id AND q.severity = 'WARNING') "
                + "FROM crm_snapshot sn JOIN crm_source s USING (source_key) "
                + (source == null ? "" : "WHERE s.name = ? ") + "ORDER BY s.name, sn.report_date";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (source != null) {
                ps.setString(1, source.strip());
            }
            List<LeadQualityTypes.Snapshot> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new LeadQualityTypes.Snapshot(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            rs.getString(4), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), rs.getString(7),
                            rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                            Arrays.asList((String[]) rs.getArray(12).getArray()),
                            Arrays.asList((String[]) rs.getArray(13).getArray()), rs.getInt(14), rs.getInt(15)));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list CRM snapshots", e);
        }
    }

    public LeadQualityTypes.QualityReport qualityReport(long snapshotId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.name, sn.report_date FROM crm_snapshot sn "
                        + "JOIN crm_source s USING (source_key) WHERE sn.snapshot_id = ?")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No CRM snapshot " + snapshotId);
                }
                return new LeadQualityTypes.QualityReport(snapshotId, rs.getString(1), rs.getDate(2).toLocalDate(),
                        QualityChecks.stored(c, snapshotId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the quality report", e);
        }
    }

    public List<LeadQualityTypes.HistoryRow> history(String source, String leadNumber, String emailHash, String phoneHash) {
        if ((leadNumber == null || leadNumber.isBlank()) && (emailHash == null || emailHash.isBlank())
                && (phoneHash == null || phoneHash.isBlank())) {
            throw new BadInputException("Give a leadNumber, or an emailHash and/or phoneHash");
        }
        StringBuilder sql = new StringBuilder("SELECT sn.snapshot_id, sn.report_date, ri.line, l.lead_number, l.email_hash, "
                + "l.phone_hash, ri.stage, ri.is_set, ri.is_demo, ri.appointment_at, st.dispo, st.job_status, p.city, "
                + "p.state, p.zip, ed.day, dl.lead_id, ri.raw_row FROM lq_report_item ri JOIN crm_snapshot sn USING (snapshot_id) "
                + "JOIN crm_source s ON s.source_key = sn.source_key JOIN lq_lead l USING (lq_lead_key) JOIN lq_place p USING (place_key) "
                + "JOIN lq_status st USING (status_key) LEFT JOIN lq_date ed ON ed.date_key = ri.entry_date_key "
                + "LEFT JOIN lead dl ON dl.lead_key = l.delivered_lead_key WHERE s.name = ?");
        List<String> params = new ArrayList<>();
        params.add(source(source));
        if (leadNumber != null && !leadNumber.isBlank()) {
            sql.append(" AND l.lead_number = ?");
            params.add(leadNumber.strip());
        }
        if (emailHash != null && !emailHash.isBlank()) {
            sql.append(" AND l.email_hash = ?");
            params.add(emailHash.strip().toLowerCase(Locale.ROOT));
        }
        if (phoneHash != null && !phoneHash.isBlank()) {
            sql.append(" AND l.phone_hash = ?");
            params.add(phoneHash.strip().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY sn.report_date, ri.line");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<LeadQualityTypes.HistoryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var appt = rs.getTimestamp(10);
                    var entry = rs.getDate(16);
                    rows.add(new LeadQualityTypes.HistoryRow(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getInt(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), LeadQualityTypes.stageName(rs.getInt(7)),
                            (Boolean) rs.getObject(8), (Boolean) rs.getObject(9),
                            appt == null ? null : appt.toLocalDateTime(), rs.getString(11), rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15),
                            entry == null ? null : entry.toLocalDate(), rs.getString(17), rs.getString(18)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the lead's history", e);
        }
    }

    public LeadQualityTypes.MatchingReport matching(String source, LocalDate asOf) {
        String sql = "WITH snaps AS (SELECT snapshot_id, report_date FROM crm_snapshot WHERE source_key = "
                + "(SELECT source_key FROM crm_source WHERE name = ?) AND report_date <= coalesce(?, report_date)), "
                + "latest AS (SELECT DISTINCT ri.lead_identity, ri.lq_lead_key FROM lq_report_item ri JOIN snaps USING (snapshot_id) "
                + "WHERE ri.valid_to IS NULL OR ri.valid_to > coalesce(?, ri.valid_to)), "
                + "everything AS (SELECT DISTINCT l.* FROM lq_report_item ri JOIN snaps USING (snapshot_id) "
                + "JOIN lq_lead l USING (lq_lead_key)) "
                + "SELECT (SELECT count(*) FROM latest), "
                + "(SELECT count(*) FROM latest JOIN lq_lead l USING (lq_lead_key) WHERE l.delivered_lead_key IS NOT NULL), "
                + "(SELECT count(*) FROM latest JOIN lq_lead l USING (lq_lead_key) WHERE NOT EXISTS (SELECT 1 FROM lead d "
                + "  WHERE d.email_hash = l.email_hash AND d.phone_hash = l.phone_hash)), "
                + "(SELECT count(*) FROM lead d WHERE (d.email_hash IS NOT NULL OR d.phone_hash IS NOT NULL) AND NOT EXISTS "
                + "  (SELECT 1 FROM everything e WHERE e.email_hash = d.email_hash AND e.phone_hash = d.phone_hash)), "
                + "(SELECT count(*) FROM (SELECT lead_number FROM everything WHERE lead_number IS NOT NULL GROUP BY lead_number "
                + "  HAVING count(DISTINCT (email_hash, phone_hash)) > 1) x), "
                + "(SELECT count(*) FROM (SELECT 1 FROM everything WHERE email_hash IS NOT NULL AND phone_hash IS NOT NULL "
                + "  GROUP BY email_hash, phone_hash HAVING count(DISTINCT lead_number) > 1) y), "
                + "(SELECT array_agg(e) FROM (SELECT 'lead number ' || lead_number || ': ' || count(*) || ' hash pairs' AS e "
                + "  FROM everything WHERE lead_number IS NOT NULL GROUP BY lead_number HAVING count(DISTINCT (email_hash, phone_hash)) > 1 "
                + "  ORDER BY lead_number LIMIT 5) z)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source(source));
            ps.setObject(2, asOf == null ? null : Date.valueOf(asOf), java.sql.Types.DATE);
            ps.setObject(3, asOf == null ? null : Date.valueOf(asOf), java.sql.Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                var examples = rs.getArray(7);
                return new LeadQualityTypes.MatchingReport(asOf, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), examples == null ? List.of() : Arrays.asList((String[]) examples.getArray()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not match report leads: " + e.getMessage(), e);
        }
    }
}
