package io.callsight.web;

import static io.callsight.common.Auth.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * `make test` builds the web app before the backend, so its index.html is on the classpath; a
 * backend-only build (no frontend/dist) must still lead people from / to GraphiQL.
 */
@QuarkusTest
class WebAppRoutesTest extends DatabaseTest {

    private static final boolean WEB_APP_BUILT = Thread.currentThread().getContextClassLoader()
            .getResource("META-INF/resources/index.html") != null;

    @Test
    void rootServesTheAppOrLeadsToGraphiQL() {
        if (WEB_APP_BUILT) {
            given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<div id=\"root\">"));
        } else {
            given().redirects().follow(false).when().get("/").then().statusCode(302)
                    .header("Location", endsWith("/q/graphql-ui/"));
        }
        given().when().get("/q/graphql-ui/").then().statusCode(200);
    }

    @Test
    void deepLinksToPagesGetTheApp() {
        if (WEB_APP_BUILT) {
            given().when().get("/campaigns/CMP-01?from=2026-01-01").then().statusCode(200)
                    .body(containsString("<div id=\"root\">"));
            given().when().get("/staffing").then().statusCode(200).body(containsString("<div id=\"root\">"));
            given().when().get("/live?tv=1").then().statusCode(200).body(containsString("<div id=\"root\">"));
        } else {
            given().when().get("/campaigns/CMP-01").then().statusCode(404);
        }
    }

    @Test
    void unknownPathsAndApiPathsStayNotFound() {
        given().when().get("/no-such-page").then().statusCode(404);
        given().when().get("/api/no-such-endpoint").then().statusCode(404);
        given().when().get("/overviewx").then().statusCode(404);
    }
}
