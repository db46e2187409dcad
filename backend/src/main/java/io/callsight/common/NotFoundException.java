package io.callsight.common;

import io.smallrye.graphql.api.ErrorCode;

/** The asked-for thing does not exist; GraphQL answers with {@code extensions.code = NOT_FOUND}. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
