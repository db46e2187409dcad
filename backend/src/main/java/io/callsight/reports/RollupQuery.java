package io.callsight.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL over the rollups (db/migration V002, V005): the day rollups for additive measures over whole
 * working days (agent_day_rollup by campaign, advertiser and agent; status_day_rollup by campaign,
 * advertiser and statuses); for distinct-lead measures by campaign or advertiser over leads whose calls
 * all fall in the window (the edge query counts the others), lead_span_rollup over whole working days,
 * lead_rollup for the cut days at the window's ends and for shared leads (V058).
 */
final class RollupQuery {

    /** A day rollup: its table and the dimensions it has as columns. */
    enum DayTable {
        AGENT_DAY("agent_day_rollup", Set.of(Dimension.CAMPAIGN, Dimension.ADVERTISER, Dimension.AGENT)),
        STATUS_DAY("status_day_rollup", Set.of(Dimension.CAMPAIGN, Dimension.ADVERTISER, Dimension.CALL_STATUS,
                Dimension.LEAD_STATUS));

        final String table;
        final Set<Dimension> dimensions;

        DayTable(String table, Set<Dimension> dimensions) {
            this.table = table;
            this.dimensions = dimensions;
        }

        /**
         * The day rollup that has every grouping and filter column, or null; status_day_rollup first when
         * both have (about 10 status pairs per day and campaign against about 25 agents: fewer rows).
         */
        static DayTable serving(List<Dimension> dims, ReportQuery.ResolvedFilter f) {
            boolean statusFilter = f.callStatuses() != null || f.leadStatuses() != null;
            if (STATUS_DAY.dimensions.containsAll(dims) && f.agentIds() == null) {
                return STATUS_DAY;
            }
            if (AGENT_DAY.dimensions.containsAll(dims) && !statusFilter) {
                return AGENT_DAY;
            }
            return null;
        }
    }

    /** Dimensions lead_rollup has as columns. */
    static final Set<Dimension> LEAD_DIMENSIONS = Set.of(Dimension.CAMPAIGN, Dimension.ADVERTISER);

    private static final Map<Component, String> ADDITIVE = Map.of(
            Component.CALLS, "sum(r.calls)",
            Component.CONNECTED, "sum(r.connected)",
            Component.INTERESTED_CALLS, "sum(r.interested_calls)",
            Component.AGENT_SUM, "sum(r.agent_sum)",
            Component.AGENT_N, "sum(r.agent_n)",
            Component.CUSTOMER_SUM, "sum(r.customer_sum)",
            Component.CUSTOMER_N, "sum(r.customer_n)",
            Component.AHT_SUM, "sum(r.aht_sum)",
            Component.AHT_N, "sum(r.aht_n)");

    /** lead_span_rollup's count of the leads with each flag. */
    private static final Map<Component, String> SPAN_COUNTS = Map.of(
            Component.UNIQUE_LEADS, "leads",
            Component.UNIQUE_CONNECTED, "any_connected",
            Component.CONVERTED, "converted",
            Component.QUALIFIED, "qualified",
            Component.LOST, "lost");

    private static final Map<Component, String> LEAD_FLAGS = Map.of(
            Component.UNIQUE_LEADS, "true",
            Component.UNIQUE_CONNECTED, "r.any_connected",
            Component.CONVERTED, "r.converted",
            Component.QUALIFIED, "r.qualified",
            Component.LOST, "r.lost");

    private RollupQuery() {
    }

    static boolean additiveOnly(Set<Component> components) {
        return ADDITIVE.keySet().containsAll(components);
    }

    static String column(Dimension d) {
        return switch (d) {
            case CAMPAIGN -> "r.campaign_key";
            case ADVERTISER -> "r.advertiser_key";
            case AGENT -> "r.agent_key";
            case CALL_STATUS -> "r.call_status";
            case LEAD_STATUS -> "r.lead_status";
            default -> throw new IllegalArgumentException(d + " is not a rollup column");
        };
    }

    /** Whether {@code bucket} is made of whole working days (a day rollup can key it). */
    static boolean wholeDays(TimeBucket bucket) {
        return bucket == TimeBucket.DAY || bucket == TimeBucket.WEEK || bucket == TimeBucket.MONTH;
    }

    /**
     * Additive components over whole days [fromDay, toDay) of a day rollup, per {@code bucket} when not
     * null (a whole-day bucket: its start as local midnight, first key, as the call fact's query keys it).
     */
    static String days(DayTable table, ReportQuery.ResolvedFilter f, List<Dimension> dims, TimeBucket bucket,
            List<Component> components, LocalDate fromDay, LocalDate toDay, List<Object> params) {
        List<String> select = new ArrayList<>();
        if (bucket != null) {
            if (!wholeDays(bucket)) {
                throw new IllegalArgumentException(bucket + " is not a whole-day bucket");
            }
            select.add("date_trunc('" + bucket.truncUnit + "', r.work_day::timestamp)");
        }
        dims.forEach(d -> select.add(column(d)));
        components.forEach(c -> select.add(ADDITIVE.get(c)));
        List<String> where = new ArrayList<>();
        where.addAll(dayClauses(f, fromDay, toDay, params));
        return "SELECT " + String.join(", ", select) + " FROM " + table.table + " r"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + groupBy(dims.size() + (bucket == null ? 0 : 1));
    }

    /** Whole days [fromDay, toDay) (null bounds are open) and the filter's dimension clauses. */
    static List<String> dayClauses(ReportQuery.ResolvedFilter f, LocalDate fromDay, LocalDate toDay,
            List<Object> params) {
        List<String> where = new ArrayList<>();
        if (fromDay != null) {
            where.add("r.work_day >= ?");
            params.add(fromDay);
        }
        if (toDay != null) {
            where.add("r.work_day < ?");
            params.add(toDay);
        }
        where.addAll(f.dimensionClauses("r", params));
        return where;
    }

    /** Agent active seconds per agent over whole days [fromDay, toDay). */
    static String activeSeconds(ReportQuery.ResolvedFilter f, LocalDate fromDay, LocalDate toDay, List<Object> params) {
        List<String> where = new ArrayList<>();
        where.add("r.agent_key IS NOT NULL");
        where.addAll(dayClauses(f, fromDay, toDay, params));
        return "SELECT agent_key, sum(extract(epoch FROM last_end - first_dial)) FROM (SELECT r.agent_key, r.work_day, "
                + "min(r.first_dial) AS first_dial, max(r.last_end) AS last_end FROM agent_day_rollup r WHERE "
                + String.join(" AND ", where) + " GROUP BY 1, 2) agent_day GROUP BY 1";
    }

    /**
     * All components for the leads whose rows are not shared (one lead_rollup row each: counting rows
     * counts leads) and whose calls all fall in the window's whole working days [fromDay, toDay) (null
     * bounds are open), from lead_span_rollup (db/migration V058).
     */
    static String leadSpans(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            LocalDate fromDay, LocalDate toDay, List<Object> params) {
        List<String> select = new ArrayList<>();
        dims.forEach(d -> select.add(column(d)));
        for (Component c : components) {
            select.add(ADDITIVE.containsKey(c) ? ADDITIVE.get(c) : "sum(r." + SPAN_COUNTS.get(c) + ")");
        }
        List<String> where = new ArrayList<>();
        if (fromDay != null) {
            where.add("r.first_day >= ?");
            params.add(fromDay);
        }
        if (toDay != null) {
            where.add("r.last_day < ?");
            params.add(toDay);
        }
        where.addAll(f.dimensionClauses("r", params));
        return "SELECT " + String.join(", ", select) + " FROM lead_span_rollup r"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + groupBy(dims.size());
    }

    /**
     * All components for the leads whose rows are not shared and whose calls all fall in [from, to) but
     * not all in its whole working days: the first dial in [from, fromStart) (the cut first day), or the
     * last dial in [toStart, to) (the cut last day). Null: no such day. Leads straddling an edge are
     * left out by the window condition itself (their one row has calls on both sides).
     */
    static String leadsOnCutDays(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            OffsetDateTime fromStart, OffsetDateTime toStart, List<Object> params) {
        List<String> where = new ArrayList<>();
        where.add("NOT r.shared");
        where.addAll(inWindow(f, params));
        List<String> cut = new ArrayList<>();
        if (fromStart != null) {
            cut.add("r.first_dial < ?");
            params.add(fromStart);
        }
        if (toStart != null) {
            // the span index finds the leads called on the cut last day
            cut.add("(tstzrange(r.first_dial, r.last_dial, '[]') && tstzrange(?::timestamptz, ?::timestamptz) "
                    + "AND r.last_dial >= ?)");
            params.add(toStart);
            params.add(f.to());
            params.add(toStart);
        }
        where.add("(" + String.join(" OR ", cut) + ")");
        where.addAll(f.dimensionClauses("r", params));
        return leadRowsSelect(dims, components, true) + " WHERE " + String.join(" AND ", where) + groupBy(dims.size());
    }

    /**
     * All components for the shared leads (more than one lead_rollup row: a lead under two campaigns or
     * advertisers) whose calls all fall in [from, to), leaving out every lead the edge query counts
     * ({@link ReportQuery.ResolvedFilter#edgeLeadKeys}). One of a lead's rows can lie inside the window
     * while another straddles an edge, and then the lead is the edge query's with all its calls, or its
     * inside calls and the lead itself would be counted twice.
     */
    static String sharedLeads(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            List<Object> params) {
        // The grain is (lead, campaign, advertiser): only with both in the grouping is a group's row per lead unique.
        boolean oneRowPerLead = dims.contains(Dimension.CAMPAIGN) && dims.contains(Dimension.ADVERTISER);
        List<String> where = new ArrayList<>();
        where.add("r.shared");
        where.addAll(inWindow(f, params));
        if (f.from() != null || f.to() != null) {
            // a hashed subplan: the (few) edge leads once, then a hash probe per rollup row
            where.add("r.lead_key NOT IN (" + f.edgeLeadKeys(params) + ")");
        }
        where.addAll(f.dimensionClauses("r", params));
        return leadRowsSelect(dims, components, oneRowPerLead) + " WHERE " + String.join(" AND ", where)
                + groupBy(dims.size());
    }

    /**
     * Distinct-lead components per working day over whole days [fromDay, toDay) for the leads alone under
     * one campaign and advertiser that day (lead_day_count, V070), keyed by the day's start like {@link #days}.
     */
    static String leadDayCounts(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            LocalDate fromDay, LocalDate toDay, List<Object> params) {
        List<String> select = new ArrayList<>();
        select.add("date_trunc('day', r.work_day::timestamp)");
        dims.forEach(d -> select.add(column(d)));
        components.forEach(c -> select.add("sum(r." + SPAN_COUNTS.get(c) + ")"));
        List<String> where = dayClauses(f, fromDay, toDay, params);
        return "SELECT " + String.join(", ", select) + " FROM lead_day_count r"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + groupBy(dims.size() + 1);
    }

    /** The same for the leads with more than one lead_day_rollup row that day (shared): DISTINCT over those rows. */
    static String sharedLeadDays(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            LocalDate fromDay, LocalDate toDay, List<Object> params) {
        boolean oneRowPerLead = dims.contains(Dimension.CAMPAIGN) && dims.contains(Dimension.ADVERTISER);
        List<String> select = new ArrayList<>();
        select.add("date_trunc('day', r.work_day::timestamp)");
        dims.forEach(d -> select.add(column(d)));
        for (Component c : components) {
            select.add(leadCount(c, oneRowPerLead));
        }
        List<String> where = new ArrayList<>();
        where.add("r.shared");
        where.addAll(dayClauses(f, fromDay, toDay, params));
        return "SELECT " + String.join(", ", select) + " FROM lead_day_rollup r WHERE " + String.join(" AND ", where)
                + groupBy(dims.size() + 1);
    }

    /**
     * Distinct-lead components of the leads straddling the window's edges ({@link
     * ReportQuery.ResolvedFilter#edgeLeadKeys}) over a window of whole working days [fromDay, toDay): their
     * lead_day_rollup rows of those days are exactly their calls in the window, so each lead's flags are
     * the OR of its days' (per group), without reading the call fact.
     */
    static String edgeLeadDays(ReportQuery.ResolvedFilter f, List<Dimension> dims, List<Component> components,
            LocalDate fromDay, LocalDate toDay, List<Object> params) {
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            inner.add(column(dims.get(i)) + " AS g" + i);
            outer.add("x.g" + i);
        }
        inner.add("r.lead_key");
        for (Component c : components) {
            if (c == Component.UNIQUE_LEADS) {
                outer.add("count(*)");
            } else {
                String flag = SPAN_COUNTS.get(c);
                inner.add("bool_or(r." + flag + ") AS " + flag);
                outer.add("count(*) FILTER (WHERE x." + flag + ")");
            }
        }
        List<String> where = new ArrayList<>();
        // an init-plan: the (few) straddling leads first, then their days through the grain index
        where.add("r.lead_key = ANY (ARRAY(" + f.edgeLeadKeys(params) + "))");
        where.addAll(dayClauses(f, fromDay, toDay, params));
        return "SELECT " + String.join(", ", outer) + " FROM (SELECT " + String.join(", ", inner)
                + " FROM lead_day_rollup r WHERE " + String.join(" AND ", where) + groupBy(dims.size() + 1) + ") x"
                + groupBy(dims.size());
    }

    /** lead_rollup rows (alias r) whose calls all fall in [from, to). */
    private static List<String> inWindow(ReportQuery.ResolvedFilter f, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (f.from() != null) {
            where.add("r.first_dial >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.add("r.last_dial < ?");
            params.add(f.to());
        }
        return where;
    }

    /** SELECT of the groups and components over lead_rollup r: leads by rows, or DISTINCT when a lead may have several. */
    private static String leadRowsSelect(List<Dimension> dims, List<Component> components, boolean oneRowPerLead) {
        List<String> select = new ArrayList<>();
        dims.forEach(d -> select.add(column(d)));
        for (Component c : components) {
            if (ADDITIVE.containsKey(c)) {
                select.add(ADDITIVE.get(c));
            } else {
                select.add(leadCount(c, oneRowPerLead));
            }
        }
        return "SELECT " + String.join(", ", select) + " FROM lead_rollup r";
    }

    /** Leads with a lead-level component's flag among rows r: by rows when a group has one row per lead, else DISTINCT. */
    private static String leadCount(Component c, boolean oneRowPerLead) {
        String flag = LEAD_FLAGS.get(c);
        return oneRowPerLead ? "count(*) FILTER (WHERE " + flag + ")"
                : "count(DISTINCT r.lead_key) FILTER (WHERE " + flag + ")";
    }

    private static String groupBy(int n) {
        if (n == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" GROUP BY ");
        for (int i = 1; i <= n; i++) {
            sb.append(i == 1 ? "" : ", ").append(i);
        }
        return sb.toString();
    }
}
