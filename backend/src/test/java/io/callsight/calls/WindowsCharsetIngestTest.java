package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A Windows-1252 file on the ingest endpoints (streamed: calls; read whole: agent KPIs, as every other kind): read
 * as its text when the charset is declared, refused with line and byte when it is not, never stored as U+FFFD.
 */
@QuarkusTest
class WindowsCharsetIngestTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static Response post(String path, String contentType, String fixture) throws IOException {
        return Fixtures.asIs(contentType).body(Fixtures.bytes(fixture)).when().post(path);
    }

    @Test
    void aCallFileDeclaredAsWindows1252KeepsItsAccents() throws IOException, SQLException {
        Response r = post("/api/ingest/calls?charset=windows-1252", "text/csv", "calls-windows-1252.csv");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getInt("accepted")).isEqualTo(2);
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT ag.name FROM call c JOIN agent ag ON ag.agent_key = c.agent_key "
                    + "WHERE c.call_id LIKE 'w1252-%' ORDER BY c.call_id"))
                    .containsExactly("José Müller", "Zoë O’Brien – €");
            assertThat(CallsSql.strings(c, "SELECT content_type FROM ingest_batch WHERE batch_id = "
                    + r.jsonPath().getLong("batchId"))).containsExactly("text/csv; charset=windows-1252");
        }
    }

    @Test
    void anUndeclaredWindows1252CallFileIsRefusedWithLineAndByte() throws IOException, SQLException {
        Response r = post("/api/ingest/calls", "text/csv", "calls-windows-1252.csv");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.jsonPath().getString("code")).isEqualTo("BAD_INPUT");
        assertThat(r.jsonPath().getString("error")).startsWith("The call file is not valid UTF-8: line 2, byte 49 of "
                + "the line (byte 151 of the file) is 0xE9");
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT name FROM agent WHERE agent_id LIKE 'W1252-%' AND name LIKE '%\uFFFD%'")).isEmpty();
        }
    }

    @Test
    void aKpiFileDeclaredInItsContentTypeIsReadAndUndeclaredIsRefused() throws IOException, SQLException {
        Response refused = post("/api/ingest/agent-kpis", "text/csv", "agent-kpis-windows-1252.csv");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("error")).startsWith("The KPI file is not valid UTF-8: line 2, byte 13 of "
                + "the line");
        Response ok = post("/api/ingest/agent-kpis", "text/csv; charset=windows-1252", "agent-kpis-windows-1252.csv");
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
        assertThat(ok.jsonPath().getInt("accepted")).isEqualTo(1);
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT agent_name || '|' || team || '|' || notes FROM agent_kpi_day "
                    + "WHERE agent_id = 'W1252-K1'")).containsExactly("Renée Façade|Équipe Süd|café – 5 €");
        }
    }
}
