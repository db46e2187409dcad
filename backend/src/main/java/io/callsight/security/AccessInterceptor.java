package io.callsight.security;

import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.callsight.common.ForbiddenException;
import io.callsight.common.UnauthenticatedException;

/** Enforces {@link Access}: runs before the audit and the operation itself. */
@Access({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AccessInterceptor {

    @Inject
    CurrentUser user;

    @AroundInvoke
    Object check(InvocationContext ic) throws Exception {
        Method m = ic.getMethod();
        Access access = m.getAnnotation(Access.class);
        if (access == null) {
            access = m.getDeclaringClass().getAnnotation(Access.class);
        }
        if (access == null) {
            access = ic.getTarget().getClass().getSuperclass().getAnnotation(Access.class);
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
                return ic.proceed();
            }
        }
        throw new ForbiddenException("Your role " + user.role() + " may not call " + m.getName()
                + " (allowed: " + String.join(", ", access.value()) + ")");
    }
}
