package io.callsight.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * An ingest entry point whose requests, records and duration are counted per kind ({@link IngestMetrics}); the
 * method returns an {@link IngestCounts}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface MeteredIngest {

    /** The kind, one of {@link IngestMetrics#KINDS}. */
    @Nonbinding
    String value();
}
