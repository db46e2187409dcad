package io.callsight.security;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What access control costs per request, in /q/metrics: {@code callsight_auth_seconds} by
 * {@code step} (token: verifying a login token; api_key: resolving a key; access: the role check
 * of a GraphQL operation), with p50/p95/p99. bench/auth-feed-bench.sh reads them.
 */
@ApplicationScoped
public class AuthTimers {

    private final Timer token;
    private final Timer apiKey;
    private final Timer access;

    @Inject
    public AuthTimers(MeterRegistry registry) {
        token = timer(registry, "token");
        apiKey = timer(registry, "api_key");
        access = timer(registry, "access");
    }

    private static Timer timer(MeterRegistry registry, String step) {
        return Timer.builder("callsight.auth").tag("step", step).description("Authentication and authorization time")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    void token(long nanos) {
        token.record(nanos, TimeUnit.NANOSECONDS);
    }

    void apiKey(long nanos) {
        apiKey.record(nanos, TimeUnit.NANOSECONDS);
    }

    void access(long nanos) {
        access.record(nanos, TimeUnit.NANOSECONDS);
    }
}
