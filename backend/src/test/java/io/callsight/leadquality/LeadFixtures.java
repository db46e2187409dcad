package io.callsight.leadquality;

import static io.callsight.common.Auth.given;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;

/**
 * Hand-written CRM reports name people by short tokens (e-mail {@code e1}, phone {@code p1} for person 1); the
 * lead file needs real hex hashes, so both sides go through the same SHA-1 of the token here.
 */
final class LeadFixtures {

    private static final Pattern TOKEN = Pattern.compile("(?<=,)([ep]\\d+)(?=,)", Pattern.CASE_INSENSITIVE);

    private LeadFixtures() {
    }

    static String sha1(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(token.toLowerCase().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report with every {@code eN}/{@code pN} field replaced by its hash (upper case when the token is: EN -> HASH). */
    static String hashed(String csv) {
        Matcher m = TOKEN.matcher(csv);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String hash = sha1(token);
            m.appendReplacement(out, Character.isUpperCase(token.charAt(0)) ? hash.toUpperCase() : hash);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Delivers the people named by their e-mail tokens (e1 -> e-mail e1, phone p1) to a source (null: every source). */
    static JsonPath deliver(String source, String... emails) {
        return deliverAt(source, null, emails);
    }

    /** As {@link #deliver}, with a delivered_at column of the given value on every row (null: no such column). */
    static JsonPath deliverAt(String source, String deliveredAt, String... emails) {
        StringBuilder csv = new StringBuilder("lead_id,email_hash,phone_hash" + (deliveredAt == null ? "" : ",delivered_at") + "\n");
        for (String e : emails) {
            String person = e.substring(1);
            csv.append("lead-").append(source).append('-').append(person).append(',').append(sha1("e" + person)).append(',')
                    .append(sha1("p" + person)).append(deliveredAt == null ? "" : "," + deliveredAt).append('\n');
        }
        var request = given().contentType("text/csv").body(csv.toString());
        if (source != null) {
            request = request.queryParam("source", source);
        }
        return request.when().post("/api/ingest/leads").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }
}
