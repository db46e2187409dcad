package io.callsight.reports;

import io.callsight.security.Access;
import io.callsight.security.Roles;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.common.Cursors;
import io.callsight.common.DataFreshness;
import io.callsight.common.PageInfo;
import io.callsight.common.ReadConnections;
import io.callsight.common.TimeZones;
import io.smallrye.graphql.api.Context;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The report queries: thin, they validate, delegate and map. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
public class ReportGraphQLApi {

    @Inject
    PerformanceReports reports;

    @Inject
    ReportService reportService;

    @Inject
    CallListService callList;

    @Inject
    Context context;

    @Inject
    ManagedExecutor executor;

    @Inject
    ReadConnections reads;

    @Query("campaignPerformance")
    @Description("Campaign performance over the filter: one row per campaign, busiest first")
    public @NonNull List<@NonNull CampaignPerformanceRow> campaignPerformance(@Name("filter") CallFilter filter) {
        return reports.campaignPerformance(filter, selectsReturns());
    }

    @Query("agentPerformance")
    @Description("Agent performance over the filter: one row per agent who made calls, busiest first")
    public @NonNull List<@NonNull AgentPerformanceRow> agentPerformance(@Name("filter") CallFilter filter) {
        return reports.agentPerformance(filter, selectsReturns());
    }

    @Query("leadDisposition")
    @Description("Calls (not leads) per lead status or call status, with each status' share of all calls in the filter")
    public @NonNull List<@NonNull DispositionRow> leadDisposition(@Name("filter") CallFilter filter,
            @Name("field") @DefaultValue("LEAD_STATUS") DispositionField field) {
        return reports.leadDisposition(filter, field);
    }

    @Query("callMetrics")
    @Description("Any measures of the catalog grouped by any dimensions and an optional time bucket in the asked time "
            + "zone, sorted and paged. Only the measures you select are computed.")
    public @NonNull CompletionStage<@NonNull CallMetricsConnection> callMetrics(@Name("filter") CallFilter filter,
            @Name("groupBy") List<Dimension> groupBy,
            @Name("bucket") TimeBucket bucket,
            @Name("timeZone") @Description("IANA zone or offset for buckets, hour of day and day of week; default UTC")
            String timeZone,
            @Name("orderBy") List<MetricOrder> orderBy,
            @Name("first") Integer first,
            @Name("after") String after) {
        int size = Cursors.pageSize(first);
        int offset = Cursors.offset("metrics", after);
        var zone = TimeZones.parse(timeZone, ZoneOffset.UTC);
        Set<Measure> measures = selectedMeasures();
        // Asynchronous, on a worker with the request's context: the callMetrics fields of one request (a page's
        // tiles, trend and heatmap under aliases) run side by side instead of one after another.
        return executor.supplyAsync(() -> page(reports.callMetrics(filter, groupBy, bucket, zone, measures, orderBy), size, offset));
    }

    private static CallMetricsConnection page(List<CallMetricsRow> rows, int size, int offset) {
        List<CallMetricsConnection.Edge> edges = new ArrayList<>();
        for (int i = offset; i < Math.min(rows.size(), offset + size); i++) {
            edges.add(new CallMetricsConnection.Edge(Cursors.encode("metrics", Integer.toString(i)), rows.get(i)));
        }
        boolean more = offset + size < rows.size();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new CallMetricsConnection(edges, new PageInfo(more, end), rows.size());
    }

    @Query("dataAsOf")
    @Description("The newest dial time stored, null when no call is stored: how fresh the reports are. Read where the "
            + "caller's reports run: with a replica that is behind, its newest dial time (see dataFreshness)")
    public OffsetDateTime dataAsOf() {
        return callList.newestDialTime();
    }

    @Query("dataFreshness")
    @Description("Where the caller's report queries run now (the primary or the read replica of CALLSIGHT_REPLICA_URL) "
            + "and how far behind the primary that data is")
    public @NonNull DataFreshness dataFreshness() {
        return reads.freshness();
    }

    @Query("calls")
    @Description("The calls matching the filter with every stored field, newest dial first, cursor-paged")
    public @NonNull CallConnection calls(@Name("filter") CallFilter filter, @Name("first") Integer first,
            @Name("after") String after) {
        return callList.calls(filter, first, after);
    }

    /** Whether the selection asks for leadsReturned or returnRate (true if it cannot be read). */
    private boolean selectsReturns() {
        Set<String> fields = selectedFieldNames();
        return fields == null || fields.contains("leadsReturned") || fields.contains("returnRate");
    }

    /** The measures named anywhere in the selection set (all of them if it cannot be read). */
    private Set<Measure> selectedMeasures() {
        Set<String> fields = selectedFieldNames();
        if (fields == null) {
            return EnumSet.allOf(Measure.class);
        }
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        fields.stream().map(Measure::byFieldName).filter(Objects::nonNull).forEach(measures::add);
        return measures;
    }

    /** Every field name in the selection set, at any depth; null when it cannot be read. */
    private Set<String> selectedFieldNames() {
        Set<String> names = new HashSet<>();
        try {
            collect(context.getSelectedFields(), names);
        } catch (RuntimeException e) {
            return null;
        }
        return names;
    }

    private static void collect(JsonValue v, Set<String> out) {
        if (v instanceof JsonString s) {
            out.add(s.getString());
        } else if (v instanceof JsonArray a) {
            a.forEach(x -> collect(x, out));
        } else if (v instanceof JsonObject o) {
            o.values().forEach(x -> collect(x, out));
        }
    }
}
