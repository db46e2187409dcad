package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import java.time.OffsetDateTime;
import java.util.Map;

/** Value formats of call files: known answers and one case per refusal. */
class FieldParsersTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");

    @ParameterizedTest
    @CsvSource({
            "2026-01-05T10:00:00Z, UTC, 2026-01-05T10:00:00Z",
            "2026-01-05 10:00:00, UTC, 2026-01-05T10:00:00Z",
            "2026-01-05T10:00:00.25Z, UTC, 2026-01-05T10:00:00.250Z",
            "2026-01-05T10:00:00+02:00, UTC, 2026-01-05T08:00:00Z",
            "2026-01-05 10:00:00+0530, UTC, 2026-01-05T04:30:00Z",
            "2026-01-05 10:00:00-05, UTC, 2026-01-05T15:00:00Z",
            "2026-01-05 10:00:00, America/New_York, 2026-01-05T15:00:00Z",
            "2026-07-05T10:00:00, America/New_York, 2026-07-05T14:00:00Z",
            "2026-03-08 02:30:00, America/New_York, 2026-03-08T07:30:00Z",
            "01/02/2023  5:30PM, UTC, 2023-01-02T17:30:00Z",
            "1/2/2023 17:30, UTC, 2023-01-02T17:30:00Z",
            "2026-01-05, UTC, 2026-01-05T00:00:00Z",
            "1767607200, UTC, 2026-01-05T10:00:00Z",
            "1767607200000, UTC, 2026-01-05T10:00:00Z",
            "2024-02-29T12:00:00Z, UTC, 2024-02-29T12:00:00Z"})
    void timestamps(String value, String zone, String expected) {
        assertThat(FieldParsers.timestamp(value, ZoneId.of(zone))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30 10:00:00", "2026-13-01T00:00:00Z", "2026-01-05T24:00:00Z",
            "2026-01-05T10:61:00Z", "yesterday", "2026-01-05T10:00:00+25:00", "2023-02-29", "13/45/2023 10:00"})
    void impossibleTimestampsAreRefused(String value) {
        assertThatThrownBy(() -> FieldParsers.timestamp(value, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fastPathAgreesWithTheFormatters() {
        String[] samples = {"2026-01-05T10:00:00Z", "2026-01-05 23:59:59.123456789+01:00", "1999-12-31T00:00:00-0800"};
        for (String s : samples) {
            Instant fast = FieldParsers.fastIso(s, NY);
            assertThat(fast).isEqualTo(OffsetDateTime.parse(s.replace(' ', 'T')
                    .replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant());
        }
    }

    @ParameterizedTest
    @CsvSource({"75, 75", "75.5, 75.5", "1:15, 75", "0:01:15, 75", "1:00:00, 3600", "0, 0"})
    void durations(String value, double seconds) {
        assertThat(FieldParsers.durationSeconds(value)).isEqualTo(seconds);
    }

    @Test
    void badDurations() {
        assertThatThrownBy(() -> FieldParsers.durationSeconds("-5")).hasMessage("must not be negative");
        assertThatThrownBy(() -> FieldParsers.durationSeconds("abc")).hasMessage("not a number");
        assertThatThrownBy(() -> FieldParsers.durationSeconds("1:2:3:4")).hasMessage("not a number of seconds or h:mm:ss");
        assertThatThrownBy(() -> FieldParsers.durationSeconds("NaN")).hasMessage("not a number");
        // found by fuzzing: 1e20 s passed and then overflowed the interval arithmetic of the rollups (a 500)
        assertThatThrownBy(() -> FieldParsers.durationSeconds("99999999999999999999"))
                .hasMessage("must not be longer than 7 days (604800 s)");
    }

    @Test
    void attemptNumbers() {
        assertThat(FieldParsers.attemptNumber("2")).isEqualTo(2);
        assertThat(FieldParsers.attemptNumber("2.0")).isEqualTo(2);
        assertThatThrownBy(() -> FieldParsers.attemptNumber("0")).hasMessage("must be 1 or more");
        assertThatThrownBy(() -> FieldParsers.attemptNumber("1.5")).hasMessage("not a whole number");
        assertThatThrownBy(() -> FieldParsers.attemptNumber("two")).hasMessage("not a whole number");
    }

    @Test
    void connectedValues() {
        assertThat(FieldParsers.connected("TRUE")).isTrue();
        assertThat(FieldParsers.connected(" yes ")).isTrue();
        assertThat(FieldParsers.connected("Not Connected")).isFalse();
        assertThat(FieldParsers.connected("0")).isFalse();
        assertThatThrownBy(() -> FieldParsers.connected("maybe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusNormalisation() {
        StatusNormalizer n = new StatusNormalizer(Map.of("no answer", "No Answer", "answered", "Answered"),
                Map.of("not interested", "Not Interested"));
        assertThat(n.callStatus("NO_ANSWER")).isEqualTo("No Answer");
        assertThat(n.callStatus("  no   answer ")).isEqualTo("No Answer");
        assertThat(n.callStatus(" ANSWERED")).isEqualTo("Answered");
        assertThat(n.leadStatus("not-interested")).isEqualTo("Not Interested");
        assertThat(n.callStatus("  Left  Message ")).isEqualTo("Left  Message"); // unknown: kept, trimmed
        assertThat(n.callStatus("   ")).isNull();
    }
}
