package io.callsight.common;

import io.smallrye.graphql.api.ErrorCode;

/** The caller may not see or change this; GraphQL answers with {@code extensions.code = FORBIDDEN}. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
