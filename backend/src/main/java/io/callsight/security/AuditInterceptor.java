package io.callsight.security;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;

import io.callsight.common.ReadConnections;

/** Writes every audited mutation to the audit log (see {@link Audited}). */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser user;

    @Inject
    ReadConnections reads;

    @AroundInvoke
    Object record(InvocationContext ic) throws Exception {
        Method method = ic.getMethod();
        Mutation mutation = method.getAnnotation(Mutation.class);
        if (mutation == null) {
            return ic.proceed();
        }
        String action = mutation.value().isEmpty() ? method.getName() : mutation.value();
        Map<String, Object> args = arguments(method, ic.getParameters());
        String target = args.values().stream().filter(v -> v instanceof String || v instanceof Number)
                .map(String::valueOf).findFirst().orElse(null);
        try {
            Object result = ic.proceed();
            audit.record(user.name(), user.role(), action, target, args, "OK");
            reads.recordWrite(); // a replica serves this caller again once it has replayed the change
            return result;
        } catch (Exception e) {
            audit.record(user.name(), user.role(), action, target, args, "FAILED: " + e.getMessage());
            throw e;
        }
    }

    static Map<String, Object> arguments(Method method, Object[] values) {
        Map<String, Object> args = new LinkedHashMap<>();
        Parameter[] params = method.getParameters();
        for (int i = 0; i < params.length; i++) {
            Name name = params[i].getAnnotation(Name.class);
            String key = name != null ? name.value() : params[i].getName();
            args.put(key, secret(key) ? "(not logged)" : phoneNumbers(key) ? countOnly(values[i]) : values[i]);
        }
        return args;
    }

    /**
     * Phone numbers given as such (the do-not-call list's {@code numbers}): the list is kept as keyed hashes so that
     * nobody can read it back, the audit log included; it records how many.
     */
    private static boolean phoneNumbers(String name) {
        return name.equals("numbers") || name.equals("number");
    }

    private static String countOnly(Object value) {
        return value instanceof Collection<?> c ? "(" + c.size() + " numbers, not logged)" : "(not logged)";
    }

    private static boolean secret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("secret");
    }
}
