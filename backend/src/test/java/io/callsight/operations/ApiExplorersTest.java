package io.callsight.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The REST endpoints' OpenAPI document is served; GraphiQL is on here (test profile) and off in production unless
 * CALLSIGHT_GRAPHQL_UI=true. (The production side is read from application.properties as Quarkus resolves it, so
 * that no second application boot is needed.)
 */
@QuarkusTest
class ApiExplorersTest extends DatabaseTest {

    @Test
    void theOpenApiDocumentDescribesTheRestEndpoints() {
        String doc = RestAssured.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(doc).contains("\"Callsight REST API\"", "\"/api/ingest/calls\"", "\"/api/calls/export.csv\"",
                "\"/api/feeds/leads.csv\"", "\"/api/events/calls\"");
    }

    @Test
    void graphiqlIsServedInTestAndDevelopment() {
        RestAssured.given().when().get("/q/graphql-ui/").then().statusCode(200);
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(ApiExplorersTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }

    @Test
    void graphiqlIsOffInProductionUnlessSwitchedOn() throws IOException {
        String ui = "quarkus.smallrye-graphql.ui.enabled";
        assertThat(config("prod", Map.of()).getValue(ui, Boolean.class)).isFalse();
        assertThat(config("prod", Map.of()).getValue("quarkus.swagger-ui.enabled", Boolean.class)).isFalse();
        assertThat(config("prod", Map.of("CALLSIGHT_GRAPHQL_UI", "true")).getValue(ui, Boolean.class)).isTrue();
        assertThat(config("dev", Map.of()).getValue(ui, Boolean.class)).isTrue();
        assertThat(config("prod", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class)).isFalse();
        assertThat(config("prod", Map.of("CALLSIGHT_LOG_JSON", "true")).getValue("quarkus.log.console.json.enabled",
                Boolean.class)).isTrue();
    }
}
