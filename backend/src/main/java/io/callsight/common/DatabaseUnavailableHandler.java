package io.callsight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Any request that fails because the database cannot be reached, wherever it failed (a REST endpoint, the
 * API key lookup of the authentication, which runs before any endpoint), is answered 503
 * {@code {"code": "DATABASE_UNAVAILABLE", "error": ...}} with Retry-After, not a 500 page; other failures go
 * on to the default handling.
 */
@ApplicationScoped
public class DatabaseUnavailableHandler {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (!DatabaseUnavailableException.causedBy(ctx.failure()) || ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            LOG.debugf("%s %s: database unavailable (%s)", ctx.request().method(), ctx.request().path(), ctx.failure());
            ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                    .end(new JsonObject().put("code", "DATABASE_UNAVAILABLE")
                            .put("error", DatabaseUnavailableException.MESSAGE).encode());
        });
    }
}
