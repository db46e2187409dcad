package io.callsight.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Serves the single-page app: its build sits in META-INF/resources (Quarkus serves the files), and
 * every page of the app is a client-side route, so a deep link or a reload of one gets index.html.
 * Only the app's own page paths are rerouted; unknown paths, /api, /graphql and /q keep their 404s.
 * Without a web build on the classpath (a backend-only build), / leads to GraphiQL instead.
 */
@ApplicationScoped
public class WebAppRoutes {

    /** The app's top-level routes (the routes of frontend/src/app/app.tsx). */
    static final String PAGE_PATHS = "/(overview|live|campaigns|dispositions|agents|forecasts|best-time|staffing|calls|ingest|lead-quality|data-quality|service-levels|scorecards|compliance|admin|feed|login)(/.*)?";

    private final boolean webAppPresent = Thread.currentThread().getContextClassLoader()
            .getResource("META-INF/resources/index.html") != null;

    void install(@Observes Router router) {
        router.get("/").order(-100).handler(ctx -> {
            if (webAppPresent) {
                ctx.next();
            } else {
                ctx.redirect("/q/graphql-ui/");
            }
        });
        router.getWithRegex(PAGE_PATHS).order(-100).handler(ctx -> {
            if (webAppPresent) {
                ctx.reroute("/");
            } else {
                ctx.next();
            }
        });
    }
}
