package io.callsight.reports;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.callsight.common.BadInputException;

/** The three seed reports and the flexible callMetrics, mapped from catalog aggregates. */
@ApplicationScoped
public class PerformanceReports {

    private static final Set<Measure> CAMPAIGN_MEASURES = EnumSet.of(Measure.TOTAL_CALLS, Measure.UNIQUE_LEADS,
            Measure.CALLS_CONNECTED, Measure.UNIQUE_CALLS_CONNECTED, Measure.LEADS_CONVERTED, Measure.QUALIFIED_LEADS,
            Measure.LEADS_LOST, Measure.AVG_AGENT_CALL_DURATION, Measure.AVG_CUSTOMER_CALL_DURATION,
            Measure.CONNECT_RATE, Measure.CONVERSION_RATE);

    /** Additive: answered from the day rollup. */
    private static final Set<Measure> AGENT_MEASURES = EnumSet.of(Measure.TOTAL_CALLS, Measure.CALLS_CONNECTED,
            Measure.AVG_AGENT_CALL_DURATION, Measure.AVG_CUSTOMER_CALL_DURATION, Measure.SUCCESS_RATE, Measure.AHT);

    @Inject
    ReportService reports;

    /** Runs an agent report's independent reads side by side, with the request's context (scope, read choice). */
    @Inject
    ManagedExecutor parallel;

    /** withReturns false: leadsReturned and returnRate stay null (not asked for; saves the feed query). */
    public List<CampaignPerformanceRow> campaignPerformance(CallFilter filter, boolean withReturns) {
        List<ReportService.Group> groups = reports.aggregate(filter, List.of(Dimension.CAMPAIGN), null,
                CAMPAIGN_MEASURES, reports.businessZone());
        ReportService.Names names = reports.names();
        Map<Integer, ReportService.Returns> returns = withReturns ? reports.returnsBy(filter, Dimension.CAMPAIGN) : null;
        List<CampaignPerformanceRow> rows = new ArrayList<>();
        for (ReportService.Group g : groups) {
            String[] campaign = names.campaigns().getOrDefault((Integer) g.keys()[0], new String[3]);
            ReportService.Returns r = returns == null ? null
                    : returns.getOrDefault((Integer) g.keys()[0], new ReportService.Returns(0, 0));
            Metrics m = g.metrics();
            rows.add(new CampaignPerformanceRow(campaign[0], campaign[1], campaign[2], m.totalCalls(),
                    m.uniqueLeads(), m.callsConnected(), m.uniqueCallsConnected(), m.leadsConverted(),
                    m.qualifiedLeads(), m.leadsLost(), m.avgAgentCallDuration(), m.avgCustomerCallDuration(),
                    m.connectRate(), m.conversionRate(), r == null ? null : r.returned(),
                    r == null ? null : Metrics.ratio(r.returned(), r.inFeed())));
        }
        rows.sort(Comparator.comparing(CampaignPerformanceRow::totalCalls, Comparator.reverseOrder())
                .thenComparing(CampaignPerformanceRow::campaignId, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    /** withReturns false: leadsReturned and returnRate stay null (not asked for; saves the feed query). */
    public List<AgentPerformanceRow> agentPerformance(CallFilter filter, boolean withReturns) {
        // three independent reads, two of them on other threads (the request's context goes with them)
        CompletableFuture<Map<Integer, Double>> activeHours = parallel.supplyAsync(() -> reports.activeHoursByAgent(filter));
        CompletableFuture<Map<Integer, Long>> leadsConverted = parallel.supplyAsync(() -> leadsConvertedByAgent(filter));
        List<ReportService.Group> groups = reports.aggregate(filter, List.of(Dimension.AGENT), null, AGENT_MEASURES,
                reports.businessZone());
        Map<Integer, Double> hours = join(activeHours);
        Map<Integer, Long> converted = join(leadsConverted);
        Map<Integer, ReportService.Returns> returns = withReturns ? reports.returnsBy(filter, Dimension.AGENT) : null;
        ReportService.Names names = reports.names();
        List<AgentPerformanceRow> rows = new ArrayList<>();
        for (ReportService.Group g : groups) {
            Integer agentKey = (Integer) g.keys()[0];
            if (agentKey == null) {
                continue; // calls no agent handled (e.g. unanswered auto-dials) are not agent performance
            }
            String[] agent = names.agents().getOrDefault(agentKey, new String[3]);
            Metrics m = g.metrics();
            Double callsPerHour = Metrics.ratio(m.totalCalls(), hours.get(agentKey));
            ReportService.Returns r = returns == null ? null
                    : returns.getOrDefault(agentKey, new ReportService.Returns(0, 0));
            rows.add(new AgentPerformanceRow(agent[0], agent[1], agent[2], m.totalCalls(), m.callsConnected(),
                    converted.getOrDefault(agentKey, 0L), m.avgAgentCallDuration(), m.avgCustomerCallDuration(), callsPerHour,
                    m.successRate(), m.aht(), r == null ? null : r.returned(),
                    r == null ? null : Metrics.ratio(r.returned(), r.inFeed())));
        }
        rows.sort(Comparator.comparing(AgentPerformanceRow::callsMade, Comparator.reverseOrder())
                .thenComparing(AgentPerformanceRow::agentId));
        return rows;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // as if run on this thread (a bad filter stays a BadInputException)
            }
            throw e;
        }
    }

    /** Distinct leads with an Interested call per agent. */
    private Map<Integer, Long> leadsConvertedByAgent(CallFilter filter) {
        CallFilter f = CallFilter.orEmpty(filter);
        boolean admitsInterested = f.leadStatuses == null || f.leadStatuses.isEmpty()
                || f.leadStatuses.stream().anyMatch(s -> s != null && s.strip().equalsIgnoreCase("Interested"));
        // a filter that excludes Interested calls: nobody converted within it
        return admitsInterested ? reports.leadsConvertedByAgent(f) : Map.of();
    }

    public List<DispositionRow> leadDisposition(CallFilter filter, DispositionField field) {
        Dimension d = field == DispositionField.CALL_STATUS ? Dimension.CALL_STATUS : Dimension.LEAD_STATUS;
        List<ReportService.Group> groups = reports.aggregate(filter, List.of(d), null, EnumSet.of(Measure.TOTAL_CALLS),
                reports.businessZone());
        long total = groups.stream().mapToLong(g -> g.metrics().totalCalls()).sum();
        List<DispositionRow> rows = new ArrayList<>();
        for (ReportService.Group g : groups) {
            long count = g.metrics().totalCalls();
            rows.add(new DispositionRow((String) g.keys()[0], count, Metrics.ratio(count, total)));
        }
        rows.sort(Comparator.comparingLong(DispositionRow::count).reversed()
                .thenComparing(DispositionRow::status, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    /** All groups of a callMetrics request, sorted; paging happens on top. */
    public List<CallMetricsRow> callMetrics(CallFilter filter, List<Dimension> groupBy, TimeBucket bucket,
            ZoneId zone, Set<Measure> measures, List<MetricOrder> orderBy) {
        List<Dimension> dims = groupBy == null ? List.of() : groupBy.stream().distinct().toList();
        List<ReportService.Group> groups = reports.aggregate(filter, dims, bucket, measures, zone);
        ReportService.Names names = reports.names();
        List<CallMetricsRow> rows = new ArrayList<>(groups.size());
        for (ReportService.Group g : groups) {
            rows.add(toRow(g, dims, bucket, names));
        }
        rows.sort(comparator(orderBy, dims, bucket));
        return rows;
    }

    private static CallMetricsRow toRow(ReportService.Group g, List<Dimension> dims, TimeBucket bucket,
            ReportService.Names names) {
        Object[] k = g.keys();
        int i = 0;
        OffsetDateTime bucketStart = bucket == null ? null : (OffsetDateTime) k[i++];
        String campaignId = null, campaignName = null, advertiserId = null, advertiserName = null, agentId = null,
                agentName = null, callStatus = null, leadStatus = null;
        Integer attempt = null, hour = null, dow = null;
        for (Dimension d : dims) {
            Object v = k[i++];
            switch (d) {
                case CAMPAIGN -> {
                    String[] c = v == null ? new String[3] : names.campaigns().getOrDefault((Integer) v, new String[3]);
                    campaignId = c[0];
                    campaignName = c[1];
                }
                case ADVERTISER -> {
                    String[] a = v == null ? new String[2] : names.advertisers().getOrDefault((Integer) v, new String[2]);
                    advertiserId = a[0];
                    advertiserName = a[1];
                }
                case AGENT -> {
                    String[] a = v == null ? new String[3] : names.agents().getOrDefault((Integer) v, new String[3]);
                    agentId = a[0];
                    agentName = a[1];
                }
                case CALL_STATUS -> callStatus = (String) v;
                case LEAD_STATUS -> leadStatus = (String) v;
                case ATTEMPT_NUMBER -> attempt = (Integer) v;
                case HOUR_OF_DAY -> hour = (Integer) v;
                case DAY_OF_WEEK -> dow = (Integer) v;
            }
        }
        Metrics m = g.metrics();
        return new CallMetricsRow(bucketStart, campaignId, campaignName, advertiserId, advertiserName, agentId,
                agentName, callStatus, leadStatus, attempt, hour, dow, m.totalCalls(), m.uniqueLeads(),
                m.callsConnected(), m.uniqueCallsConnected(), m.leadsConverted(), m.qualifiedLeads(), m.leadsLost(),
                m.avgAgentCallDuration(), m.avgCustomerCallDuration(), m.connectRate(), m.conversionRate(),
                m.successRate(), m.aht());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<CallMetricsRow> comparator(List<MetricOrder> orderBy, List<Dimension> dims,
            TimeBucket bucket) {
        List<Comparator<CallMetricsRow>> parts = new ArrayList<>();
        if (orderBy != null) {
            for (MetricOrder o : orderBy) {
                if (o == null) {
                    continue;
                }
                if ((o.measure == null) == (o.key == null)) {
                    throw new BadInputException(
                            "Each orderBy entry needs exactly one of `measure` or `key`");
                }
                Function<CallMetricsRow, Comparable> getter = o.measure != null
                        ? row -> (Comparable) measureValue(row, o.measure)
                        : row -> keyValue(row, o.key);
                Comparator<Comparable> natural = Comparator.nullsLast(Comparator.naturalOrder());
                Comparator<CallMetricsRow> c = Comparator.comparing(getter,
                        o.direction == MetricOrder.SortDirection.ASC ? natural
                                : Comparator.nullsLast(Comparator.<Comparable>naturalOrder().reversed()));
                parts.add(c);
            }
        }
        // A stable total order: bucket, then the group keys in groupBy order.
        if (bucket != null) {
            parts.add(Comparator.comparing(r -> keyValue(r, MetricOrder.SortKey.BUCKET),
                    Comparator.nullsLast(Comparator.naturalOrder())));
        }
        for (Dimension d : dims) {
            MetricOrder.SortKey key = MetricOrder.SortKey.valueOf(d.name());
            parts.add(Comparator.comparing(r -> keyValue(r, key), Comparator.nullsLast(Comparator.naturalOrder())));
        }
        Comparator<CallMetricsRow> all = (a, b) -> 0;
        for (Comparator<CallMetricsRow> p : parts) {
            all = all.thenComparing(p);
        }
        return all;
    }

    private static Object measureValue(CallMetricsRow r, Measure m) {
        return switch (m) {
            case TOTAL_CALLS -> r.totalCalls();
            case UNIQUE_LEADS -> r.uniqueLeads();
            case CALLS_CONNECTED -> r.callsConnected();
            case UNIQUE_CALLS_CONNECTED -> r.uniqueCallsConnected();
            case LEADS_CONVERTED -> r.leadsConverted();
            case QUALIFIED_LEADS -> r.qualifiedLeads();
            case LEADS_LOST -> r.leadsLost();
            case AVG_AGENT_CALL_DURATION -> r.avgAgentCallDuration();
            case AVG_CUSTOMER_CALL_DURATION -> r.avgCustomerCallDuration();
            case CONNECT_RATE -> r.connectRate();
            case CONVERSION_RATE -> r.conversionRate();
            case SUCCESS_RATE -> r.successRate();
            case AHT -> r.aht();
        };
    }

    @SuppressWarnings("rawtypes")
    private static Comparable keyValue(CallMetricsRow r, MetricOrder.SortKey k) {
        return switch (k) {
            case BUCKET -> r.bucketStart() == null ? null : r.bucketStart().toInstant();
            case CAMPAIGN -> r.campaignId();
            case ADVERTISER -> r.advertiserId();
            case AGENT -> r.agentId();
            case CALL_STATUS -> r.callStatus();
            case LEAD_STATUS -> r.leadStatus();
            case ATTEMPT_NUMBER -> r.attemptNumber();
            case HOUR_OF_DAY -> r.hourOfDay();
            case DAY_OF_WEEK -> r.dayOfWeek();
        };
    }
}
