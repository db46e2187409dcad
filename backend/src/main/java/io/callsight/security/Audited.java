package io.callsight.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on a {@code @GraphQLApi} class (or a method): each of its {@code @Mutation}s is written to the
 * audit log with the caller, the mutation's name, its arguments (passwords and secrets left out)
 * and whether it succeeded.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Audited {
}
