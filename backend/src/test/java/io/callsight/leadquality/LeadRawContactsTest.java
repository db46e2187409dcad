package io.callsight.leadquality;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Leads sent with their raw e-mail and phone are hashed by the README's rules (e-mail trimmed and lower-cased,
 * phone in E.164 read in the default region US, SHA-1 hex), so they are the same leads as a partner's file of hashes
 * made by those rules; the values given are kept beside the hashes.
 */
@QuarkusTest
class LeadRawContactsTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static JsonPath post(String csv) {
        return given().contentType("text/csv").body(csv).when().post("/api/ingest/leads").then().log().ifValidationFails()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void rawEmailAndPhoneLeadsMatchTheSameLeadsGivenAsHashes() throws Exception {
        JsonPath raw = post("lead_id,Email,Phone Number,email_hash\n"
                + "rawcontact-1,\"  Jane.Doe@Example.COM \",(415) 555-0123,\n"
                + "rawcontact-2,raj@example.in,+91 98765 43210,\n"
                + "rawcontact-3,not-an-address,(415) 555-0124,\n"
                + "rawcontact-4,ok@example.com,12,\n"
                + "rawcontact-5,a@example.com,," + LeadFixtures.sha1("someone-else") + "\n");
        assertThat(raw.getInt("inserted")).isEqualTo(2);
        assertThat(raw.getList("rejects.field")).containsExactly("email", "phone", "email_hash");
        assertThat(raw.getString("rejects[1].reason")).contains("not a phone number").contains("region US");
        assertThat(raw.getString("rejects[2].reason")).startsWith("does not match the hash of the email given");

        // The partner's file: hashes made by the documented rules, by hand here.
        JsonPath hashed = post("lead_id,email_hash,phone_hash\n"
                + "rawcontact-1," + LeadFixtures.sha1("jane.doe@example.com") + "," + LeadFixtures.sha1("+14155550123") + "\n"
                + "rawcontact-2," + LeadFixtures.sha1("raj@example.in") + "," + LeadFixtures.sha1("+919876543210") + "\n");
        assertThat(hashed.getInt("inserted")).isZero();
        assertThat(hashed.getInt("updated")).isZero();
        assertThat(hashed.getInt("unchanged")).isEqualTo(2);

        // The raw values stay beside the hashes (the file of hashes had the same hashes, so it keeps them).
        assertThat(stored("rawcontact-1")).containsExactly("jane.doe@example.com", "+14155550123", "(415) 555-0123");
        assertThat(stored("rawcontact-2")).containsExactly("raj@example.in", "+919876543210", "+91 98765 43210");
    }

    private List<String> stored(String leadId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT email, phone, phone_raw FROM lead WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(leadId).isTrue();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }
}
