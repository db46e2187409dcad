package io.callsight.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("NewApiKey")
public record NewApiKey(@Description("The whole key: store it now, it is not shown again") @NonNull String key,
        @NonNull ApiKey apiKey) {
}
