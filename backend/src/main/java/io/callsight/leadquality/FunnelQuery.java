package io.callsight.leadquality;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL of the lead-quality funnel for a filter and a grouping, with its parameters.
 *
 * <p>The counting unit is our delivered lead ({@code lq_delivery} of the source, or delivered for every source),
 * delivered on or before the as-of day when its delivery time is known. Each counts once: matched when a report
 * row (as of the day) matches it, at the furthest stage over all the rows that match it, whatever lead numbers
 * the advertiser gave them; its report attributes (state, city, status, entry month) are those of that furthest
 * row (then the latest, then the lowest lead number). Report leads matching none of our delivered leads (a lead
 * number none of whose rows match) are their own figure and never enter the funnel. With SNAPSHOT_DATE, each
 * snapshot's own rows count, against the leads delivered by its report date.
 *
 * <p>Only the dimensions a grouping or filter needs are joined. Every expression comes from the dimension enum,
 * never from user input.
 */
final class FunnelQuery {

    /** Output columns after the dimension keys: delivered, matched, set, demos, sales, unmatched report leads. */
    static final int COUNTS = 6;
    /** The 1-based column of the first count (delivered): after 9 dimension keys and 3 names. */
    static final int FIRST_COUNT = 13;

    private final LeadQualityFilter f;
    private final Set<LeadQualityDimension> dims;
    private final boolean perSnapshot;
    private final LocalDate onlySnapshot;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private final List<String> select = new ArrayList<>();
    private final List<String> groupExpressions = new ArrayList<>();

    FunnelQuery(LeadQualityFilter f, Set<LeadQualityDimension> dims, String source) {
        this(f, dims, source, null);
    }

    /** With {@code onlySnapshot}: the per-snapshot funnel of that report date alone (the stored trend's refresh). */
    FunnelQuery(LeadQualityFilter f, Set<LeadQualityDimension> dims, String source, LocalDate onlySnapshot) {
        this.f = f;
        this.dims = dims;
        this.perSnapshot = dims.contains(LeadQualityDimension.SNAPSHOT_DATE);
        this.onlySnapshot = onlySnapshot;
        sql.append("WITH src AS (SELECT source_key FROM crm_source WHERE name = ?), ");
        params.add(source);
        base();
        delivered();
        units();
        keys();
        sql.append("SELECT ").append(String.join(", ", select))
                .append(", count(*) FILTER (WHERE u.ours), count(*) FILTER (WHERE u.matched), "
                        + "count(*) FILTER (WHERE u.ours AND u.stage >= 1), count(*) FILTER (WHERE u.ours AND u.stage >= 2), "
                        + "count(*) FILTER (WHERE u.ours AND u.stage >= 3), count(*) FILTER (WHERE NOT u.ours) FROM units u ");
        joins();
        sql.append("WHERE true");
        filters();
        if (!groupExpressions.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupExpressions)).append(" ORDER BY ")
                    .append(String.join(", ", groupExpressions.stream().map(e -> e + " NULLS LAST").toList()));
        }
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return params;
    }

    /** The source's report rows as of the day asked (a lead's row as of day D: report_date <= D < valid_to), or every snapshot's rows. */
    private void base() {
        sql.append("base AS (SELECT ri.report_date, ri.lead_identity, ri.line, ri.stage, ri.place_key, ri.status_key, "
                + "ri.entry_date_key, l.delivered_lead_key FROM lq_report_item ri JOIN lq_lead l USING (lq_lead_key) "
                + "WHERE ri.source_key = (SELECT source_key FROM src)");
        if (onlySnapshot != null) {
            // by the snapshot's key (the fact's primary key leads with it), not a scan of the source's rows
            sql.append(" AND ri.snapshot_id = (SELECT snapshot_id FROM crm_snapshot WHERE source_key = (SELECT source_key FROM src) "
                    + "AND report_date = ?)");
            params.add(Date.valueOf(onlySnapshot));
        } else if (f.asOf() != null) {
            sql.append(" AND ri.report_date <= ?");
            params.add(Date.valueOf(f.asOf()));
            if (!perSnapshot) {
                sql.append(" AND (ri.valid_to IS NULL OR ri.valid_to > ?)");
                params.add(Date.valueOf(f.asOf()));
            }
        } else if (!perSnapshot) {
            sql.append(" AND ri.valid_to IS NULL");
        }
        sql.append("), ");
    }

    /**
     * Our delivered leads (to this source, or to every source), by the day they count from (null: delivery time
     * unknown, counts on every day); then per snapshot date (or once, as of the day) those delivered by then.
     */
    private void delivered() {
        sql.append("delivered AS (SELECT lead_key, CASE WHEN bool_or(delivered_at IS NULL) THEN NULL "
                + "ELSE (min(delivered_at) AT TIME ZONE 'UTC')::date END AS since FROM lq_delivery "
                + "WHERE source_key = (SELECT source_key FROM src) OR source_key IS NULL GROUP BY lead_key), ");
        if (perSnapshot) {
            sql.append("snaps AS (SELECT report_date FROM crm_snapshot WHERE source_key = (SELECT source_key FROM src)");
            if (onlySnapshot != null) {
                sql.append(" AND report_date = ?");
                params.add(Date.valueOf(onlySnapshot));
            } else if (f.asOf() != null) {
                sql.append(" AND report_date <= ?");
                params.add(Date.valueOf(f.asOf()));
            }
            sql.append("), ours AS (SELECT s.report_date, d.lead_key FROM snaps s JOIN delivered d "
                    + "ON d.since IS NULL OR d.since <= s.report_date), ");
        } else {
            sql.append("ours AS (SELECT NULL::date AS report_date, lead_key FROM delivered");
            if (f.asOf() != null) {
                sql.append(" WHERE since IS NULL OR since <= ?");
                params.add(Date.valueOf(f.asOf()));
            }
            sql.append("), ");
        }
    }

    /**
     * One row per counting unit: each delivered lead (with its furthest matching report row, if any), and each
     * report lead number none of whose rows matches one of our delivered leads.
     */
    private void units() {
        String snap = perSnapshot ? "b.report_date, " : "";
        String sameSnap = perSnapshot ? " AND o.report_date = b.report_date" : "";
        sql.append("matched AS (SELECT DISTINCT ON (").append(snap).append("b.delivered_lead_key) b.* FROM base b JOIN ours o "
                + "ON o.lead_key = b.delivered_lead_key").append(sameSnap).append(" ORDER BY ").append(snap)
                .append("b.delivered_lead_key, b.stage DESC, b.report_date DESC, b.lead_identity, b.line), ");
        sql.append("orphans AS (SELECT * FROM (SELECT DISTINCT ON (").append(snap).append("b.lead_identity) b.*, "
                + "o.lead_key IS NOT NULL AS has_ours FROM base b LEFT JOIN ours o ON o.lead_key = b.delivered_lead_key")
                .append(sameSnap).append(" ORDER BY ").append(snap)
                .append("b.lead_identity, o.lead_key IS NOT NULL DESC, b.stage DESC, b.line) x WHERE NOT has_ours), ");
        sql.append("units AS (SELECT o.report_date AS snapshot_date, o.lead_key, true AS ours, m.delivered_lead_key IS NOT NULL "
                + "AS matched, m.stage, m.place_key, m.status_key, m.entry_date_key FROM ours o LEFT JOIN matched m "
                + "ON m.delivered_lead_key = o.lead_key").append(perSnapshot ? " AND m.report_date = o.report_date" : "")
                .append(" UNION ALL SELECT ").append(perSnapshot ? "x.report_date" : "NULL::date")
                .append(", NULL, false, false, x.stage, x.place_key, x.status_key, x.entry_date_key FROM orphans x) ");
    }

    /** One key column per dimension (and a name column for campaign, advertiser, agent); NULL when not grouped by. */
    private void keys() {
        for (LeadQualityDimension d : LeadQualityDimension.values()) {
            boolean used = dims.contains(d);
            select.add(used ? keyExpression(d) : "NULL");
            if (used) {
                groupExpressions.add(keyExpression(d));
            }
            if (hasName(d)) {
                select.add(used ? nameExpression(d) : "NULL");
                if (used) {
                    groupExpressions.add(nameExpression(d));
                }
            }
        }
    }

    private void joins() {
        boolean place = dims.contains(LeadQualityDimension.STATE) || dims.contains(LeadQualityDimension.CITY)
                || present(f.states()) || present(f.cities());
        boolean status = dims.contains(LeadQualityDimension.DISPO) || dims.contains(LeadQualityDimension.JOB_STATUS);
        boolean entry = dims.contains(LeadQualityDimension.ENTRY_MONTH) || f.entryFrom() != null || f.entryTo() != null;
        sql.append(place ? "LEFT JOIN lq_place p ON p.place_key = u.place_key " : "")
                .append(status ? "LEFT JOIN lq_status st ON st.status_key = u.status_key " : "")
                .append(entry ? "LEFT JOIN lq_date ed ON ed.date_key = u.entry_date_key " : "");
        if (dims.stream().anyMatch(FunnelQuery::hasName)) {
            sql.append("LEFT JOIN lead dl ON dl.lead_key = u.lead_key "
                    + "LEFT JOIN campaign ca ON ca.campaign_key = dl.campaign_key "
                    + "LEFT JOIN advertiser ad ON ad.advertiser_key = coalesce(dl.advertiser_key, ca.advertiser_key) ");
            if (dims.contains(LeadQualityDimension.AGENT)) {
                sql.append("LEFT JOIN (SELECT DISTINCT ON (lead_key) lead_key, agent_key FROM conversion_call "
                        + "ORDER BY lead_key, dial_time) conv ON conv.lead_key = dl.lead_key "
                        + "LEFT JOIN agent ag ON ag.agent_key = conv.agent_key ");
            }
        }
    }

    private void filters() {
        if (f.entryFrom() != null) {
            sql.append(" AND ed.day >= ?");
            params.add(Date.valueOf(f.entryFrom()));
        }
        if (f.entryTo() != null) {
            sql.append(" AND ed.day < ?");
            params.add(Date.valueOf(f.entryTo()));
        }
        if (present(f.states())) {
            sql.append(" AND p.state = ANY (?)");
            params.add(f.states().stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toArray(String[]::new));
        }
        if (present(f.cities())) {
            sql.append(" AND lower(p.city) = ANY (?)");
            params.add(f.cities().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        }
    }

    static boolean present(List<String> values) {
        return values != null && !values.isEmpty();
    }

    /** Campaign, advertiser and agent come from the call data and have a name besides their id. */
    private static boolean hasName(LeadQualityDimension d) {
        return d == LeadQualityDimension.CAMPAIGN || d == LeadQualityDimension.ADVERTISER || d == LeadQualityDimension.AGENT;
    }

    private static String keyExpression(LeadQualityDimension d) {
        return switch (d) {
            case STATE -> "p.state";
            case CITY -> "initcap(lower(p.city))";
            case ENTRY_MONTH -> "ed.month_start";
            case JOB_STATUS -> "st.job_status";
            case DISPO -> "st.dispo";
            case SNAPSHOT_DATE -> "u.snapshot_date";
            case CAMPAIGN -> "ca.campaign_id";
            case ADVERTISER -> "ad.advertiser_id";
            case AGENT -> "ag.agent_id";
        };
    }

    private static String nameExpression(LeadQualityDimension d) {
        return switch (d) {
            case CAMPAIGN -> "ca.name";
            case ADVERTISER -> "ad.name";
            case AGENT -> "ag.name";
            default -> throw new IllegalArgumentException(d.name());
        };
    }
}
