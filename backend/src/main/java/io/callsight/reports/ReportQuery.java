package io.callsight.reports;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the SQL of one aggregate report from catalog entries only (dimensions, components, an
 * optional bucket): user values travel as bind parameters. When a distinct-lead component is
 * needed the calls are first aggregated per (group, lead), which keeps distinct counts exact.
 */
final class ReportQuery {

    final List<Dimension> dimensions;
    final TimeBucket bucket;
    final List<Component> components;
    final String sql;
    final List<Object> params = new ArrayList<>();

    ReportQuery(ResolvedFilter filter, List<Dimension> dimensions, TimeBucket bucket, Set<Component> components,
            ZoneId zone) {
        this.dimensions = List.copyOf(dimensions);
        this.bucket = bucket;
        this.components = List.copyOf(components.isEmpty() ? EnumSet.of(Component.CALLS) : components);
        boolean perLead = this.components.stream().anyMatch(c -> c.distinctLeads);
        List<String> keys = keys(zone);
        String inner = perCall(filter, keys, perLead);
        this.sql = perLead ? perLead(inner, keys.size()) : inner;
    }

    /** The group keys' expressions (bucket first, then the dimensions); binds their zones. */
    private List<String> keys(ZoneId zone) {
        List<String> keys = new ArrayList<>();
        if (bucket != null) {
            keys.add("date_trunc('" + bucket.truncUnit + "', c.dial_time AT TIME ZONE ?)");
            params.add(zone.getId());
        }
        for (Dimension d : dimensions) {
            keys.add(d.sql);
            if (d.zoned) {
                params.add(zone.getId());
            }
        }
        return keys;
    }

    /** The aggregate over the call fact, grouped by the keys (and per lead when a component counts leads). */
    private String perCall(ResolvedFilter filter, List<String> keys, boolean perLead) {
        StringBuilder inner = new StringBuilder("SELECT ");
        for (int i = 0; i < keys.size(); i++) {
            inner.append(keys.get(i)).append(" AS g").append(i).append(", ");
        }
        if (perLead) {
            inner.append("c.lead_key, ");
        }
        List<String> innerAggs = new ArrayList<>();
        for (Component comp : components) {
            if (comp.callAggregate != null) {
                innerAggs.add(comp.callAggregate + " AS " + comp.name().toLowerCase());
            }
        }
        if (innerAggs.isEmpty()) {
            innerAggs.add("count(*) AS calls");
        }
        inner.append(String.join(", ", innerAggs));
        inner.append(" FROM call c");
        if (components.contains(Component.QUALIFIED)) {
            inner.append(" LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key");
        }
        inner.append(filter.where(params));
        groupBy(inner, keys.size() + (perLead ? 1 : 0));
        return inner.toString();
    }

    /** The per-lead rows of {@code inner} aggregated by the {@code keyCount} keys. */
    private String perLead(String inner, int keyCount) {
        StringBuilder outer = new StringBuilder("SELECT ");
        for (int i = 0; i < keyCount; i++) {
            outer.append("g").append(i).append(", ");
        }
        List<String> outerAggs = new ArrayList<>();
        for (Component comp : components) {
            outerAggs.add(comp.leadAggregate.replace("%s", comp.name().toLowerCase()));
        }
        outer.append(String.join(", ", outerAggs));
        outer.append(" FROM (").append(inner).append(") per_lead");
        groupBy(outer, keyCount);
        return outer.toString();
    }

    private static void groupBy(StringBuilder sql, int columns) {
        if (columns > 0) {
            sql.append(" GROUP BY ");
            for (int i = 1; i <= columns; i++) {
                sql.append(i == 1 ? "" : ", ").append(i);
            }
        }
    }

    int keyCount() {
        return dimensions.size() + (bucket == null ? 0 : 1);
    }

    /**
     * A filter with external ids and statuses already resolved to what the call table stores.
     * {@code edgeLeadsOnly} keeps only leads whose calls straddle the window's edges (their other
     * calls fall outside it); the lead rollup answers for the rest.
     */
    record ResolvedFilter(OffsetDateTime from, OffsetDateTime to, List<String> campaignIds, List<String> advertiserIds,
            List<String> agentIds, List<String> callStatuses, List<String> leadStatuses, boolean edgeLeadsOnly) {

        ResolvedFilter window(OffsetDateTime newFrom, OffsetDateTime newTo) {
            return new ResolvedFilter(newFrom, newTo, campaignIds, advertiserIds, agentIds, callStatuses, leadStatuses,
                    edgeLeadsOnly);
        }

        ResolvedFilter edgeLeads() {
            return new ResolvedFilter(from, to, campaignIds, advertiserIds, agentIds, callStatuses, leadStatuses, true);
        }

        /** Only time, campaign and advertiser filters (all of them lead-level). */
        boolean leadLevelOnly() {
            return agentIds == null && callStatuses == null && leadStatuses == null;
        }

        String where(List<Object> params) {
            List<String> clauses = new ArrayList<>();
            if (from != null) {
                clauses.add("c.dial_time >= ?");
                params.add(from);
            }
            if (to != null) {
                clauses.add("c.dial_time < ?");
                params.add(to);
            }
            if (edgeLeadsOnly) {
                // an init-plan: the (few) straddling leads first, then their calls through call_lead_idx
                clauses.add("c.lead_key = ANY (ARRAY(" + edgeLeadKeys(params) + "))");
            }
            clauses.addAll(dimensionClauses("c", params));
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        /**
         * The keys of the edge leads: leads with a lead_rollup row (a campaign and advertiser of the
         * lead) that has calls inside the window and outside it. The edge query counts these leads
         * from the call fact, all their calls in the window under every campaign; the lead rollup
         * query counts every other lead, and both must use this one definition.
         */
        String edgeLeadKeys(List<Object> params) {
            return "SELECT lr.lead_key FROM lead_rollup lr WHERE " + edgeCondition(params);
        }

        /**
         * A lead_rollup row (alias lr) with calls inside the window and outside it: its span [first
         * dial, last dial] contains an edge of the window and starts before it (GiST
         * lead_rollup_span_idx).
         */
        private String edgeCondition(List<Object> params) {
            List<String> parts = new ArrayList<>();
            for (OffsetDateTime edge : new OffsetDateTime[] {from, to}) {
                if (edge != null) {
                    parts.add("(tstzrange(lr.first_dial, lr.last_dial, '[]') @> ?::timestamptz AND lr.first_dial < ?)");
                    params.add(edge);
                    params.add(edge);
                }
            }
            return parts.isEmpty() ? "false" : "(" + String.join(" OR ", parts) + ")";
        }

        /** Campaign, advertiser, agent and status clauses on a relation aliased {@code a}. */
        List<String> dimensionClauses(String a, List<Object> params) {
            List<String> clauses = new ArrayList<>();
            if (campaignIds != null) {
                clauses.add(a + ".campaign_key IN (SELECT campaign_key FROM campaign WHERE campaign_id = ANY (?))");
                params.add(campaignIds);
            }
            if (advertiserIds != null) {
                clauses.add(a + ".advertiser_key IN (SELECT advertiser_key FROM advertiser WHERE advertiser_id = ANY (?))");
                params.add(advertiserIds);
            }
            if (agentIds != null) {
                clauses.add(a + ".agent_key IN (SELECT agent_key FROM agent WHERE agent_id = ANY (?))");
                params.add(agentIds);
            }
            if (callStatuses != null) {
                clauses.add(a + ".call_status = ANY (?)");
                params.add(callStatuses);
            }
            if (leadStatuses != null) {
                clauses.add(a + ".lead_status = ANY (?)");
                params.add(leadStatuses);
            }
            return clauses;
        }
    }
}
