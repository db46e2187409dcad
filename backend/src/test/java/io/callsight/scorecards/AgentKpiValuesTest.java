package io.callsight.scorecards;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.FileBatches;

/** Values the fuzz tests found: each hung the request or was a 500 (a CHECK constraint) before. */
class AgentKpiValuesTest {

    private static AgentKpiIngestService.Kpi read(Map<String, String> values) {
        return AgentKpiIngestService.read(2, values, new io.callsight.common.PersonalData.Scan("US"));
    }

    @Test
    void longNotesAreRejectedNotScannedForMinutes() {
        Map<String, String> row = Map.of("agent_id", "A1", "day", "2061-03-04", "notes", "x".repeat(2_000_000));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> read(row))
                .isInstanceOf(FileBatches.RowRejected.class).hasMessageContaining("longer than 4000 characters"));
    }

    @Test
    void notANumberAndNegativeDurationsAreRejected() {
        for (Map<String, String> bad : new Map[] {Map.of("adherence", "NaN"), Map.of("quality_score", "Infinity"),
                Map.of("aht_s", "-5:00"), Map.of("acw_s", "1:-70"), Map.of("aht_s", "5:NaN")}) {
            Map<String, String> row = new java.util.HashMap<>(Map.of("agent_id", "A1", "day", "2061-03-04"));
            row.putAll(bad);
            assertThatThrownBy(() -> read(row)).as("%s", bad).isInstanceOf(FileBatches.RowRejected.class);
        }
    }

    @Test
    void anOverlongAgentIdIsRejected() {
        assertThatThrownBy(() -> read(Map.of("agent_id", "A".repeat(300), "day", "2061-03-04")))
                .isInstanceOf(FileBatches.RowRejected.class).hasMessageContaining("longer than 200 characters");
    }
}
