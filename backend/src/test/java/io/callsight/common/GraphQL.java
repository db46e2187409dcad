package io.callsight.common;

import static io.callsight.common.Auth.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** Test helper: POST a query to /graphql, assert no errors, return the JSON. */
public final class GraphQL {

    /** Read decimals as doubles (rest-assured's default is float, which loses digits). */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private GraphQL() {
    }

    public static JsonPath query(String query) {
        return query(query, Map.of());
    }

    public static JsonPath query(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .extract().jsonPath().using(DOUBLES);
    }

    /** POST a query expected to fail; returns the JSON with its errors. */
    public static JsonPath failing(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath().using(DOUBLES);
    }
}
