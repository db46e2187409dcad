package io.callsight.common;

import io.smallrye.graphql.api.ErrorCode;

/** No valid credentials; GraphQL answers with {@code extensions.code = UNAUTHENTICATED}, REST with 401. */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
