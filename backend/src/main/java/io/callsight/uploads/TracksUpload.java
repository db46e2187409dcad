package io.callsight.uploads;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * On an upload endpoint: a request with the header {@value UploadProgressInterceptor#HEADER} reports its
 * progress (rows read so far, then done or failed) under that id, for {@code GET /api/ingest/progress/{id}}.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface TracksUpload {

    /** The kind of data (as ingest_batch.kind). */
    @Nonbinding
    String value() default "";
}
