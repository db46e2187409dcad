package io.callsight.common;

import io.smallrye.graphql.api.ErrorCode;

/** Input a person can correct; GraphQL answers it with {@code extensions.code = BAD_INPUT}. */
@ErrorCode("BAD_INPUT")
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
