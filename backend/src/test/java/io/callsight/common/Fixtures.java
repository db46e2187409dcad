package io.callsight.common;

import static io.callsight.common.Auth.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Test fixtures under src/test/resources/fixtures and a helper to ingest CSV text. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A fixture's bytes as they are (e.g. a file in another charset than UTF-8). */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs CSV text to the ingest endpoint and returns the JSON answer (status 200 asserted). */
    public static JsonPath ingestCsv(String csv) {
        return given().contentType("text/csv").body(csv).when().post("/api/ingest/calls")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    /** A signed-in request that sends the Content-Type as given (rest-assured would add its own default charset). */
    public static RequestSpecification asIs(String contentType) {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false))).contentType(contentType);
    }
}
