package io.callsight.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request limits of the GraphQL endpoint that are ours ({@code callsight.graphql.*}); depth and complexity are SmallRye's. */
@ConfigMapping(prefix = "callsight.graphql")
public interface GraphQLConfig {

    /** Largest GraphQL request body accepted, in bytes (it must come with a Content-Length). */
    @WithDefault("262144")
    long maxBodyBytes();
}
