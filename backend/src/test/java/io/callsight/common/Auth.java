package io.callsight.common;


import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test credentials. {@link #given()} is rest-assured's given() signed in as the test profile's
 * bootstrap ADMIN key ({@code %test.callsight.auth.bootstrap-api-key}); {@link #anonymous()} sends
 * nothing; {@link #token(String, String)} logs a user in.
 */
public final class Auth {

    public static final String ADMIN_KEY = "cs_testadmin_0123456789abcdefghijklmnop";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private Auth() {
    }

    public static RequestSpecification given() {
        return io.restassured.RestAssured.given().header("X-Api-Key", ADMIN_KEY);
    }

    public static RequestSpecification anonymous() {
        return io.restassured.RestAssured.given();
    }

    public static RequestSpecification asKey(String key) {
        return io.restassured.RestAssured.given().header("X-Api-Key", key);
    }

    public static RequestSpecification asToken(String token) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** Logs in and returns the token (fails the test on anything but 200). */
    public static String token(String username, String password) {
        return anonymous().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("token");
    }
}
