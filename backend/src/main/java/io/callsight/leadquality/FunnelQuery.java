package io.callsight.leadquality;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL of the lead-quality funnel for a filter and a grouping, with its parameters. Two levels: one row per
 * group and lead (its furthest stage), then plain counts per group; hash aggregation throughout
 * (count(DISTINCT ...) would sort every row of every snapshot). Only the dimensions a grouping or filter needs
 * are joined (the per-snapshot trend reads ~200k rows). Every expression comes from the dimension enum, never
 * from user input.
 */
final class FunnelQuery {

    private final LeadQualityFilter f;
    private final Set<LeadQualityDimension> dims;
    private final boolean perSnapshot;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private final List<String> outer = new ArrayList<>();
    private final List<String> usedAliases = new ArrayList<>();
    private final List<String> groupExpressions = new ArrayList<>();
    private final List<String> orderAliases = new ArrayList<>();

    FunnelQuery(LeadQualityFilter f, Set<LeadQualityDimension> dims, String source) {
        this.f = f;
        this.dims = dims;
        this.perSnapshot = dims.contains(LeadQualityDimension.SNAPSHOT_DATE);
        base(source);
        sql.append("), per_lead AS (SELECT ");
        keys();
        sql.append("bool_or(l.delivered_lead_key IS NOT NULL) AS matched, max(b.stage) AS stage "
                + "FROM base b JOIN lq_lead l USING (lq_lead_key) ");
        joins();
        sql.append("WHERE true");
        filters();
        sql.append(" GROUP BY ").append(String.join(", ", groupExpressions)).append(") SELECT ")
                .append(String.join(", ", outer))
                .append(", count(*), count(*) FILTER (WHERE matched), count(*) FILTER (WHERE stage >= 1), "
                        + "count(*) FILTER (WHERE stage >= 2), count(*) FILTER (WHERE stage >= 3) FROM per_lead");
        if (!orderAliases.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", usedAliases)).append(" ORDER BY ").append(String.join(", ", orderAliases));
        }
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return params;
    }

    /** The source's rows as of the day asked (a lead's row as of day D: report_date <= D < valid_to). */
    private void base(String source) {
        sql.append("WITH base AS (SELECT ri.* FROM lq_report_item ri WHERE ri.source_key = "
                + "(SELECT source_key FROM crm_source WHERE name = ?)");
        params.add(source);
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
    }

    /** One key column per dimension (and a name column for campaign, advertiser, agent); NULL when not grouped by. */
    private void keys() {
        for (LeadQualityDimension d : LeadQualityDimension.values()) {
            String alias = "k_" + d.name().toLowerCase(Locale.ROOT);
            boolean used = dims.contains(d);
            sql.append(used ? keyExpression(d) : "NULL::text").append(" AS ").append(alias).append(", ");
            outer.add(used ? alias : "NULL");
            if (used) {
                usedAliases.add(alias);
                groupExpressions.add(keyExpression(d));
                orderAliases.add(alias + " NULLS LAST");
            }
            if (hasName(d)) {
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
    }

    private void joins() {
        boolean place = dims.contains(LeadQualityDimension.STATE) || dims.contains(LeadQualityDimension.CITY)
                || present(f.states()) || present(f.cities());
        boolean status = dims.contains(LeadQualityDimension.DISPO) || dims.contains(LeadQualityDimension.JOB_STATUS);
        boolean entry = dims.contains(LeadQualityDimension.ENTRY_MONTH) || f.entryFrom() != null || f.entryTo() != null;
        sql.append(place ? "JOIN lq_place p USING (place_key) " : "")
                .append(status ? "JOIN lq_status st USING (status_key) " : "")
                .append(entry ? "LEFT JOIN lq_date ed ON ed.date_key = b.entry_date_key " : "");
        if (dims.stream().anyMatch(FunnelQuery::hasName)) {
            sql.append("LEFT JOIN lead dl ON dl.lead_key = l.delivered_lead_key "
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
            case SNAPSHOT_DATE -> "b.report_date";
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
