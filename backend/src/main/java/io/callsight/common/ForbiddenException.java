package io.callsight.common;

import io.smallrye.graphql.api.ErrorCode;

/** The caller may not do or see this; GraphQL answers with {@code extensions.code = FORBIDDEN}, REST with 403. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
