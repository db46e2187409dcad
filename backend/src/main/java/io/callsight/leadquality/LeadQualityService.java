package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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

import io.callsight.common.ReadConnections;
import io.callsight.common.AppState;
import io.callsight.common.BadInputException;
import io.callsight.common.SqlParams;
import io.callsight.common.Transactions;
import io.callsight.common.NotFoundException;
import io.callsight.sources.SchemaRegistry;

/** The lead-quality answers: funnel, snapshots, quality reports, lead history, matching. */
@ApplicationScoped
public class LeadQualityService {

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    @Inject
    Transactions transactions;

    /** The counting unit of the stored per-snapshot funnels; another value (or none) means they were stored by an older rule. */
    static final String FUNNEL_UNIT_KEY = "lead-quality.stored-funnel-unit";
    static final String FUNNEL_UNIT = "delivered-lead";

    /**
     * Recounts the stored per-snapshot funnels once per database when they were stored under an older counting
     * rule (report lead numbers instead of our delivered leads). Safe with several instances: the recount is the
     * same whoever runs it.
     */
    public void recountStoredFunnelsIfOutdated() {
        try {
            transactions.inTransaction(c -> {
                if (!FUNNEL_UNIT.equals(AppState.get(c, FUNNEL_UNIT_KEY))) {
                    LeadMatching.refreshSnapshotFunnels(c, null);
                    AppState.put(c, FUNNEL_UNIT_KEY, FUNNEL_UNIT);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recount the stored lead-quality funnels: " + e.getMessage(), e);
        }
    }

    public List<LeadQualityRow> funnel(LeadQualityFilter filter, List<LeadQualityDimension> groupBy) {
        LeadQualityFilter f = filter == null ? new LeadQualityFilter(null, null, null, null, null, null) : filter;
        Set<LeadQualityDimension> dims = groupBy == null || groupBy.isEmpty() ? EnumSet.noneOf(LeadQualityDimension.class) : EnumSet.copyOf(groupBy);
        if (f.entryFrom() != null && f.entryTo() != null && !f.entryFrom().isBefore(f.entryTo())) {
            throw new BadInputException("entryFrom must be before entryTo (entryTo is exclusive)");
        }
        boolean perSnapshot = dims.contains(LeadQualityDimension.SNAPSHOT_DATE);
        if (perSnapshot && dims.size() == 1 && f.entryFrom() == null && f.entryTo() == null
                && !FunnelQuery.present(f.states()) && !FunnelQuery.present(f.cities())) {
            return storedTrend(f);
        }
        FunnelQuery query = new FunnelQuery(f, dims, source(f.source()));
        try {
            // The per-lead level hashes every row of the chosen snapshots: give it memory, for this query only.
            try (Connection conn = reads.connection()) {
                return Transactions.inTransaction(conn, c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL work_mem = '64MB'");
                    }
                    try (PreparedStatement ps = c.prepareStatement(query.sql())) {
                        SqlParams.bind(c, ps, query.params());
                        return funnelRows(ps);
                    }
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Lead quality funnel failed: " + e.getMessage(), e);
        }
    }

    private static List<LeadQualityRow> funnelRows(PreparedStatement ps) throws SQLException {
        List<LeadQualityRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int c = FunnelQuery.FIRST_COUNT;
                long delivered = rs.getLong(c);
                long set = rs.getLong(c + 2);
                long demos = rs.getLong(c + 3);
                long sales = rs.getLong(c + 4);
                Date month = rs.getDate(3);
                Date snapshot = rs.getDate(6);
                rows.add(new LeadQualityRow(rs.getString(1), rs.getString(2),
                        month == null ? null : month.toLocalDate(), rs.getString(4), rs.getString(5),
                        snapshot == null ? null : snapshot.toLocalDate(), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), delivered,
                        rs.getLong(c + 1), set, demos, sales, ratio(set, delivered), ratio(demos, set),
                        ratio(sales, delivered), rs.getLong(c + 5)));
            }
        }
        return rows;
    }

    /** The funnel of each snapshot, as stored at ingest (the trend over snapshots, without other filters). */
    private List<LeadQualityRow> storedTrend(LeadQualityFilter f) {
        String sql = "SELECT report_date, funnel_delivered, funnel_matched, funnel_set, funnel_demos, funnel_sales, funnel_unmatched "
                + "FROM crm_snapshot WHERE source_key = (SELECT source_key FROM crm_source WHERE name = ?) "
                + (f.asOf() == null ? "" : "AND report_date <= ? ") + "ORDER BY report_date";
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source(f.source()));
            if (f.asOf() != null) {
                ps.setDate(2, Date.valueOf(f.asOf()));
            }
            List<LeadQualityRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(2);
                    long set = rs.getLong(4);
                    long demos = rs.getLong(5);
                    long sales = rs.getLong(6);
                    rows.add(new LeadQualityRow(null, null, null, null, null, rs.getDate(1).toLocalDate(), null, null,
                            null, null, null, null, delivered, rs.getLong(3), set, demos, sales, ratio(set, delivered),
                            ratio(demos, set), ratio(sales, delivered), rs.getLong(7)));
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

    static String source(String name) {
        return name == null || name.isBlank() ? SchemaRegistry.DEFAULT_SOURCE : name.strip();
    }

    public List<CrmSnapshot> snapshots(String source) {
        String sql = "SELECT sn.snapshot_id, s.name, sn.report_date, sn.report_date_from, sn.file_name, sn.received_at, "
                + "sn.checksum_sha256, sn.rows_read, sn.rows_loaded, sn.sentinel_rows, "
                + "(SELECT count(*) FROM crm_value_issue i WHERE i.snapshot_id = sn.snapshot_id), sn.header, sn.unknown_columns, "
                + "(SELECT count(*) FROM crm_quality_check q WHERE q.snapshot_id = sn.snapshot_id AND q.severity = 'ERROR'), "
                + "(SELECT count(*) FROM crm_quality_check q WHERE q.snapshot_id = sn.snapshot_id AND q.severity = 'WARNING') "
                + "FROM crm_snapshot sn JOIN crm_source s USING (source_key) "
                + (source == null ? "" : "WHERE s.name = ? ") + "ORDER BY s.name, sn.report_date";
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (source != null) {
                ps.setString(1, source.strip());
            }
            List<CrmSnapshot> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new CrmSnapshot(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
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

    public DataQualityReport qualityReport(long snapshotId) {
        try (Connection c = reads.connection();
                PreparedStatement ps = c.prepareStatement("SELECT s.name, sn.report_date FROM crm_snapshot sn "
                        + "JOIN crm_source s USING (source_key) WHERE sn.snapshot_id = ?")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No CRM snapshot " + snapshotId);
                }
                return new DataQualityReport(snapshotId, rs.getString(1), rs.getDate(2).toLocalDate(),
                        QualityChecks.stored(c, snapshotId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the quality report", e);
        }
    }

    public List<LeadHistoryRow> history(String source, String leadNumber, String emailHash, String phoneHash) {
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
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            SqlParams.bind(c, ps, params);
            List<LeadHistoryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var appt = rs.getTimestamp(10);
                    var entry = rs.getDate(16);
                    rows.add(new LeadHistoryRow(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getInt(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), LeadHistoryRow.stageName(rs.getInt(7)),
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

    public LeadMatchingReport matching(String source, LocalDate asOf) {
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
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source(source));
            ps.setObject(2, asOf == null ? null : Date.valueOf(asOf), Types.DATE);
            ps.setObject(3, asOf == null ? null : Date.valueOf(asOf), Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                var examples = rs.getArray(7);
                return new LeadMatchingReport(asOf, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), examples == null ? List.of() : Arrays.asList((String[]) examples.getArray()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not match report leads: " + e.getMessage(), e);
        }
    }
}
