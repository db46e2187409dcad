package io.callsight.common;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Metrics of every ingest kind, counted where each kind's entry point returns ({@link MeteredIngest}):
 * <ul>
 * <li>{@code callsight_ingest_requests_total{kind, outcome}}: files or event requests, outcome {@code completed},
 * {@code refused} (bad input: 400) or {@code failed} (an error of ours or the database's);</li>
 * <li>{@code callsight_ingest_records_total{kind, outcome}}: records {@code read}, {@code stored}, {@code rejected};</li>
 * <li>{@code callsight_ingest_duration_seconds{kind}}: time from request to answer.</li>
 * </ul>
 * Every kind's series exist from the start (at 0), so a rate or an alert has data before the first file.
 */
@MeteredIngest("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IngestMetrics {

    /** The ingest kinds, as the {@code kind} label spells them. */
    public static final List<String> KINDS = List.of("calls", "call-events", "agent-states", "leads", "crm-snapshots",
            "service-metrics", "inbound-calls", "agent-kpis");

    private static final List<String> REQUEST_OUTCOMES = List.of("completed", "refused", "failed");
    private static final List<String> RECORD_OUTCOMES = List.of("read", "stored", "rejected");

    @Inject
    MeterRegistry registry;

    /** Creates every series at 0, at start. */
    @jakarta.enterprise.context.ApplicationScoped
    @io.quarkus.runtime.Startup
    static class Registration {
        @Inject
        MeterRegistry registry;

        @jakarta.annotation.PostConstruct
        void register() {
            IngestMetrics.register(registry);
        }
    }

    static void register(MeterRegistry registry) {
        for (String kind : KINDS) {
            REQUEST_OUTCOMES.forEach(o -> requests(registry, kind, o));
            RECORD_OUTCOMES.forEach(o -> records(registry, kind, o));
            timer(registry, kind);
        }
    }

    @AroundInvoke
    Object count(InvocationContext ctx) throws Exception {
        MeteredIngest metered = ctx.getMethod().getAnnotation(MeteredIngest.class);
        if (metered == null) {
            metered = ctx.getMethod().getDeclaringClass().getAnnotation(MeteredIngest.class);
        }
        String kind = metered == null ? "unknown" : metered.value();
        long start = System.nanoTime();
        try {
            Object result = ctx.proceed();
            Object answer = result instanceof Response r ? r.getEntity() : result;
            int status = result instanceof Response r ? r.getStatus() : 200;
            requests(registry, kind, status >= 500 ? "failed" : status >= 400 ? "refused" : "completed").increment();
            if (answer instanceof IngestCounts counts) {
                records(registry, kind, "read").increment(counts.rowsRead());
                records(registry, kind, "stored").increment(counts.rowsStored());
                records(registry, kind, "rejected").increment(counts.rowsRejected());
            }
            return result;
        } catch (BadInputException e) {
            requests(registry, kind, "refused").increment();
            throw e;
        } catch (Exception | Error e) {
            requests(registry, kind, "failed").increment();
            throw e;
        } finally {
            timer(registry, kind).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static Counter requests(MeterRegistry registry, String kind, String outcome) {
        return Counter.builder("callsight_ingest_requests_total")
                .description("Ingest requests (files, event posts) by kind and outcome")
                .tags("kind", kind, "outcome", outcome).register(registry);
    }

    private static Counter records(MeterRegistry registry, String kind, String outcome) {
        return Counter.builder("callsight_ingest_records_total")
                .description("Records read, stored and rejected by the ingests, by kind")
                .tags("kind", kind, "outcome", outcome).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("callsight_ingest_duration_seconds").description("Time from an ingest request to its answer")
                .tags("kind", kind).register(registry);
    }
}
