package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Planted e-mails, phone numbers and card numbers in a call file's unknown ({@code Notes}) and free-text
 * ({@code Agent Name}) columns: found, counted, examples masked, stored masked (reject raw_row, agent name); the
 * declared phone column and an invalid-Luhn card number are left alone.
 */
@QuarkusTest
class CallPersonalDataTest extends DatabaseTest {

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Agent Name,Call Status,"
            + "Lead Status,From Number,Notes,Call Dial Time\n";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void foundCountedAndStoredMasked() throws SQLException {
        String csv = HEADER
                + "pd-1,PD-L1,PD-C1,PD-A1,PD-AG1,Ann Lee,Answered,Interested,+14155552671,mail jane.doe@example.com,2025-05-01T10:00:00Z\n"
                + "pd-2,PD-L2,PD-C1,PD-A1,PD-AG1,Ann Lee,Answered,Interested,+14155552671,card 4111 1111 1111 1111,2025-05-01T10:01:00Z\n"
                + "pd-3,PD-L3,PD-C1,PD-A1,PD-AG1,Ann Lee,Answered,Interested,,typo 4111 1111 1111 1112,2025-05-01T10:02:00Z\n"
                + "pd-4,PD-L4,PD-C1,PD-A1,PD-AG1,Ann Lee,Answered,Interested,+14155552671,\"call +44 7911 123456, or ann@x.org\",not a time\n"
                + "pd-5,PD-L5,PD-C1,PD-A1,PD-AG2,bob.smith@example.org,Answered,Interested,,,2025-05-01T10:03:00Z\n";
        JsonPath r = Fixtures.ingestCsv(csv);
        assertThat(r.getInt("accepted")).isEqualTo(4);
        assertThat(r.getInt("rejected")).isEqualTo(1);
        List<Map<String, Object>> found = r.getList("personalData");
        assertThat(found).extracting(f -> f.get("column") + " " + f.get("kind") + " " + f.get("count") + " " + f.get("examples"))
                .containsExactlyInAnyOrder("Notes EMAIL 2 [j***@example.com, a***@x.org]", "Notes CARD 1 [**** **** **** 1111]",
                        "Notes PHONE 1 [+44********3456]", "Agent Name EMAIL 1 [b***@example.org]");

        long batchId = r.getLong("batchId");
        JsonPath batch = GraphQL.query("{ ingestBatch(id: \"" + batchId + "\") { personalData { column kind count examples } "
                + "rejects(first: 10) { edges { node { line rawRow } } } } }");
        assertThat(batch.getList("data.ingestBatch.personalData.kind", String.class))
                .containsExactlyInAnyOrder("EMAIL", "CARD", "PHONE", "EMAIL");
        String raw = batch.getString("data.ingestBatch.rejects.edges[0].node.rawRow");
        assertThat(raw).contains("+44********3456", "a***@x.org", "+14155552671") // the declared From Number as sent
                .doesNotContain("7911 123456", "ann@x.org");
        try (Connection c = dataSource.getConnection()) {
            assertThat(one(c, "SELECT name FROM agent WHERE agent_id = 'PD-AG2'")).isEqualTo("b***@example.org");
            assertThat(one(c, "SELECT raw_row FROM ingest_reject WHERE batch_id = " + batchId)).isEqualTo(raw);
            assertThat(one(c, "SELECT from_number FROM call WHERE call_id = 'pd-1'")).isEqualTo("+14155552671");
        }
    }

    @Test
    void theKnownAnswersFileGivesNoFinding() {
        JsonPath r = Fixtures.ingestCsv(Fixtures.read("known-answers.csv"));
        assertThat(r.getInt("accepted") + r.getInt("duplicates")).isPositive();
        assertThat(r.getList("personalData")).isEmpty();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
