package io.callsight.uploads;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;

import io.callsight.common.BadInputException;
import io.callsight.common.UploadProgress;

/** Tracks the progress of an upload that sent an upload id ({@link TracksUpload}). */
@TracksUpload
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class UploadProgressInterceptor {

    /** The request header that names an upload, chosen by the client (8-64 letters, digits, '-' or '_'). */
    public static final String HEADER = "X-Upload-Id";

    @Inject
    HttpHeaders headers;

    @Inject
    UploadProgressStore store;

    @AroundInvoke
    Object track(InvocationContext context) throws Exception {
        String uploadId = headers.getHeaderString(HEADER);
        if (uploadId == null || uploadId.isBlank()) {
            return context.proceed();
        }
        uploadId = uploadId.strip();
        if (!UploadProgressStore.validId(uploadId)) {
            throw new BadInputException(HEADER + " must be 8 to 64 letters, digits, '-' or '_' (was '" + uploadId + "')");
        }
        String id = uploadId;
        store.started(id, kind(context));
        try (UploadProgress progress = UploadProgress.track(rows -> store.processing(id, rows))) {
            try {
                Object result = context.proceed();
                store.finished(id, progress.rows(), null);
                return result;
            } catch (Exception | Error e) {
                store.finished(id, progress.rows(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            }
        }
    }

    private static String kind(InvocationContext context) {
        TracksUpload onMethod = context.getMethod().getAnnotation(TracksUpload.class);
        if (onMethod != null && !onMethod.value().isEmpty()) {
            return onMethod.value();
        }
        TracksUpload onClass = context.getMethod().getDeclaringClass().getAnnotation(TracksUpload.class);
        return onClass == null ? "" : onClass.value();
    }
}
