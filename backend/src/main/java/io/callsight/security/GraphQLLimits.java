package io.callsight.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Size limit of GraphQL requests: a body over {@code callsight.graphql.max-body-bytes} is refused
 * with 413 and a GraphQL error (BAD_INPUT) before it is read. Query depth and complexity limits are
 * SmallRye GraphQL's own (application.properties). The ingest routes keep their large limit.
 */
@ApplicationScoped
public class GraphQLLimits {

    @Inject
    GraphQLConfig config;

    void install(@Observes Router router) {
        long limit = config.maxBodyBytes();
        router.route("/graphql").order(-200).handler(ctx -> {
            if (ctx.request().method() == HttpMethod.POST) {
                String length = ctx.request().getHeader("Content-Length");
                long declared = -1;
                try {
                    declared = length == null ? -1 : Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    declared = Long.MAX_VALUE;
                }
                if (declared > limit || (declared < 0 && "chunked".equalsIgnoreCase(
                        ctx.request().getHeader("Transfer-Encoding")))) {
                    ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                            .end("{\"errors\":[{\"message\":\"The request is too large: GraphQL requests are limited to "
                                    + limit + " bytes, sent with a Content-Length\",\"extensions\":{\"code\":\"BAD_INPUT\"}}]}");
                    return;
                }
            }
            ctx.next();
        });
    }
}
