package io.callsight.security;

import java.lang.reflect.Method;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.callsight.common.BadInputException;
import io.callsight.common.DatabaseUnavailableException;
import io.callsight.common.ForbiddenException;
import io.callsight.common.UnauthenticatedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Enforces {@link Access}: runs before the audit and the operation itself. Around every operation, it also
 * turns a failure on an unreachable database into {@link DatabaseUnavailableException}.
 */
@Access({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AccessInterceptor {

    @Inject
    CurrentUser user;

    @Inject
    AuthTimers timers;

    @Inject
    CurrentVertxRequest request;

    @AroundInvoke
    Object check(InvocationContext ic) throws Exception {
        long started = System.nanoTime();
        checkAccess(ic);
        timers.access(System.nanoTime() - started);
        try {
            return ic.proceed();
        } catch (RuntimeException e) {
            if (e instanceof DatabaseUnavailableException || !DatabaseUnavailableException.causedBy(e)) {
                throw e;
            }
            throw databaseUnavailable(e);
        }
    }

    /**
     * An operation that failed on an unreachable database answers {@code DATABASE_UNAVAILABLE} (not a
     * "System error") and its HTTP response 503 with Retry-After, as REST does.
     */
    private DatabaseUnavailableException databaseUnavailable(RuntimeException cause) {
        RoutingContext rc = request.getCurrent();
        if (rc != null && !rc.response().headWritten()) {
            rc.response().putHeader("Retry-After", "5");
            // the GraphQL response writer sets 200 itself; this runs after it, as the headers go out
            rc.addHeadersEndHandler(v -> rc.response().setStatusCode(503).setStatusMessage("Service Unavailable"));
        }
        return new DatabaseUnavailableException(cause);
    }

    private void checkAccess(InvocationContext ic) {
        Method m = ic.getMethod();
        Access access = m.getAnnotation(Access.class);
        if (access == null) {
            access = m.getDeclaringClass().getAnnotation(Access.class);
        }
        if (user.anonymous()) {
            throw new UnauthenticatedException("Sign in first: send 'Authorization: Bearer <token>' from "
                    + "POST /api/auth/login, or 'X-Api-Key: <key>'");
        }
        if (access == null) {
            throw new ForbiddenException("This operation is not open to any role");
        }
        for (String role : access.value()) {
            if (role.equals(user.role())) {
                for (Object arg : ic.getParameters()) {
                    refuseNul(arg, 0);
                }
                return;
            }
        }
        throw new ForbiddenException("Your role " + user.role() + " may not call " + m.getName()
                + " (allowed: " + String.join(", ", access.value()) + ")");
    }

    /**
     * No text PostgreSQL cannot store: a NUL character anywhere in the arguments (strings, lists,
     * input objects) is refused as BAD_INPUT instead of failing deep in a query.
     */
    static void refuseNul(Object v, int depth) {
        if (v == null || depth > 6) {
            return;
        }
        if (v instanceof CharSequence s) {
            if (s.toString().indexOf('\u0000') >= 0) {
                throw new BadInputException("Text may not contain the NUL character (\\u0000)");
            }
        } else if (v instanceof Iterable<?> items) {
            for (Object item : items) {
                refuseNul(item, depth + 1);
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                refuseNul(item, depth + 1);
            }
        } else if (v.getClass().isRecord()) {
            for (var c : v.getClass().getRecordComponents()) {
                try {
                    refuseNul(c.getAccessor().invoke(v), depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (v.getClass().getName().startsWith("io.callsight.")) {
            for (var f : v.getClass().getFields()) {
                try {
                    refuseNul(f.get(v), depth + 1);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
