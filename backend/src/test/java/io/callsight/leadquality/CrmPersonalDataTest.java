package io.callsight.leadquality;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A CRM snapshot with personal data planted in an unknown column ({@code Notes}) and a free-text one ({@code Dispo}),
 * and raw contacts in its hash columns: data-quality checks with masked examples, the raw-contact flag, and the rows
 * kept masked (extra columns, raw row) with the raw contacts hashed as a lead file's would be.
 */
@QuarkusTest
class CrmPersonalDataTest extends DatabaseTest {

    private static final String HEADER = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Set,Demo,"
            + "Dispo,Job Status,Notes\n";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void checksFlagAndMaskedRows() throws SQLException {
        String csv = HEADER
                + "02/05/2023,PD1," + LeadFixtures.sha1("e1") + "," + LeadFixtures.sha1("p1")
                + ",Bremerton,WA,98311,,0,0,Data,,mail jane.doe@example.com or (415) 555-2671\n"
                + "02/05/2023,PD2," + LeadFixtures.sha1("e2") + "," + LeadFixtures.sha1("p2")
                + ",Bremerton,WA,98311,,0,0,Data,,paid 4111-1111-1111-1111 not 4111-1111-1111-1112\n"
                + "02/05/2023,PD3, Raw.Person@Example.com ,+1 415 555 2671,Surprise,AZ,85379,,0,0,"
                + "call bob@example.org,,\n";
        JsonPath r = given().contentType("text/csv").body(csv).queryParam("source", "pii-crm")
                .queryParam("reportDate", "2023-02-06").when().post("/api/ingest/crm-snapshots").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> checks = r.getList("checks");
        assertThat(check(checks, "personal_data.Notes.email")).containsEntry("severity", "WARNING")
                .containsEntry("count", 1).containsEntry("examples", List.of("j***@example.com"));
        assertThat(check(checks, "personal_data.Notes.phone")).containsEntry("count", 1)
                .containsEntry("examples", List.of("**********2671"));
        assertThat(check(checks, "personal_data.Notes.card")).containsEntry("count", 1)
                .containsEntry("examples", List.of("****-****-****-1111"));
        assertThat(check(checks, "personal_data.Dispo.email")).containsEntry("examples", List.of("b***@example.org"));
        assertThat(check(checks, "raw_contacts_in_hash_columns")).containsEntry("severity", "ERROR")
                .containsEntry("count", 2)
                .containsEntry("examples", List.of("email_hash: R***@Example.com", "phone_hash: +1*********2671"));

        long snapshot = r.getLong("snapshotId");
        try (Connection c = dataSource.getConnection()) {
            List<String> rows = strings(c, "SELECT coalesce(extra::text, '') || ' | ' || raw_row FROM lq_report_item "
                    + "WHERE snapshot_id = " + snapshot + " ORDER BY line");
            assertThat(String.join("\n", rows)).contains("j***@example.com", "**********2671", "****-****-****-1111",
                    "4111-1111-1111-1112", "b***@example.org", "R***@Example.com", "+1*********2671")
                    .doesNotContain("jane.doe", "555-2671", "4111-1111-1111-1111", "bob@", "Raw.Person", "415 555 2671");
            assertThat(strings(c, "SELECT l.email_hash || ' ' || l.phone_hash FROM lq_report_item ri JOIN lq_lead l "
                    + "USING (lq_lead_key) WHERE ri.snapshot_id = " + snapshot + " AND ri.line = 4"))
                    .containsExactly(LeadIdentity.hash("raw.person@example.com") + " " + LeadIdentity.hash("+14155552671"));
            assertThat(strings(c, "SELECT string_agg(d.dispo, ',') FROM lq_status d WHERE d.dispo LIKE '%example.org%'"))
                    .containsExactly("call b***@example.org");
        }
    }

    private static Map<String, Object> check(List<Map<String, Object>> checks, String name) {
        return checks.stream().filter(q -> name.equals(q.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
