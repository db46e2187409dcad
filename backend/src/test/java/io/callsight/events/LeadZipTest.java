package io.callsight.events;

import static io.callsight.events.EventTesting.awaitCalls;
import static io.callsight.events.EventTesting.postCalls;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The lead's ZIP code from call files (any of its usual column names, the forms spreadsheets leave) and call events,
 * kept on the lead for its state and time zone; a value that is no ZIP code rejects its row naming the line and field;
 * an empty-looking value ({@code 0}, {@code -----}) is no ZIP, not an error; a later ZIP replaces the earlier one.
 */
@QuarkusTest
class LeadZipTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time,Zip Code\n";

    @Test
    void filesGiveTheLeadsZipAndBadOnesAreRejectedWithTheirLine() throws Exception {
        String csv = HEADER
                + "zp-1,ZP-L1,ZP-C1,Answered,2026-03-02T15:00:00Z,32501\n"
                + "zp-2,ZP-L2,ZP-C1,No Answer,2026-03-02T15:05:00Z,2134\n"
                + "zp-3,ZP-L3,ZP-C1,No Answer,2026-03-02T15:10:00Z,33101-1234\n"
                + "zp-4,ZP-L4,ZP-C1,No Answer,2026-03-02T15:15:00Z,0\n"
                + "zp-5,ZP-L5,ZP-C1,No Answer,2026-03-02T15:20:00Z,Springfield\n"
                + "zp-6,ZP-L6,ZP-C1,No Answer,2026-03-02T15:25:00Z,\n";
        JsonPath r = Fixtures.ingestCsv(csv);
        assertThat(r.getInt("accepted")).isEqualTo(5);
        assertThat(r.getInt("rejected")).isEqualTo(1);
        assertThat(r.getList("rejects.line", Integer.class)).containsExactly(6);
        assertThat(r.getList("rejects.field", String.class)).containsExactly("lead_zip");
        assertThat(r.getList("rejects.value", String.class)).containsExactly("Springfield");
        assertThat(r.getString("rejects[0].reason")).contains("not a US ZIP code");

        assertThat(zipOf("ZP-L1")).isEqualTo("32501");
        assertThat(zipOf("ZP-L2")).as("a leading zero a spreadsheet dropped").isEqualTo("02134");
        assertThat(zipOf("ZP-L3")).isEqualTo("33101");
        assertThat(zipOf("ZP-L4")).as("0 is no ZIP").isNull();
        assertThat(zipOf("ZP-L6")).isNull();

        // A later file with the lead's new ZIP; a file without the column leaves it alone.
        assertThat(Fixtures.ingestCsv("Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time,ZIP\n"
                + "zp-7,ZP-L1,ZP-C1,Answered,2026-03-03T15:00:00Z,10001\n").getInt("accepted")).isEqualTo(1);
        assertThat(zipOf("ZP-L1")).isEqualTo("10001");
        assertThat(Fixtures.ingestCsv("Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\n"
                + "zp-8,ZP-L1,ZP-C1,Answered,2026-03-04T15:00:00Z\n").getInt("accepted")).isEqualTo(1);
        assertThat(zipOf("ZP-L1")).isEqualTo("10001");
    }

    @Test
    void eventsGiveTheLeadsZipToo() throws Exception {
        Map<String, Object> ok = event("1", "ZPE-L1", "85004");
        Map<String, Object> bad = event("2", "ZPE-L2", "85-004");
        JsonPath answer = postCalls(List.of(ok, bad));
        assertThat(answer.getList("events.outcome", String.class)).containsExactly("accepted", "rejected");
        assertThat(answer.getString("events[1].field")).isEqualTo("lead_zip");
        awaitCalls(List.of("ZPE~1"), Duration.ofSeconds(10));
        assertThat(zipOf("ZPE-L1")).isEqualTo("85004");
    }

    private static Map<String, Object> event(String id, String lead, String zip) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", "ZPE~" + id);
        m.put("lead_id", lead);
        m.put("campaign_id", "ZPE");
        m.put("call_status", "Answered");
        m.put("dial_time", "2026-03-02T18:00:00Z");
        m.put("lead_zip", zip);
        return m;
    }

    private String zipOf(String leadId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT zip FROM lead WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("lead %s stored", leadId).isTrue();
                return rs.getString(1);
            }
        }
    }
}
