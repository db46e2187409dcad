package io.callsight.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The roles allowed to call the operations of a {@code @GraphQLApi} class (or one method, which
 * then overrides the class). Anonymous callers get UNAUTHENTICATED, others FORBIDDEN. Every GraphQL
 * API class carries one; the access-matrix test fails for any served operation an anonymous caller
 * can reach.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Access {
    @Nonbinding
    String[] value();
}
