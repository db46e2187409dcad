package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The CSV every server export writes: BOM for Excel, RFC 4180 quoting, the formula guard (OWASP CSV injection). */
class CsvWriterTest {

    @Test
    void cellsThatWouldRunAsFormulasGetALeadingApostrophe() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvWriter.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvWriter.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void numbersPhoneNumbersAndPlainTextAreLeftAlone() {
        assertThat(CsvWriter.cell("-12.5")).isEqualTo("-12.5");
        assertThat(CsvWriter.cell("+15551230001")).isEqualTo("+15551230001");
        assertThat(CsvWriter.cell(-3)).isEqualTo("-3");
        assertThat(CsvWriter.cell("Smith, Jane")).isEqualTo("\"Smith, Jane\"");
        assertThat(CsvWriter.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvWriter.cell(null)).isEmpty();
        assertThat(CsvWriter.cell("")).isEmpty();
    }

    @Test
    void theFileStartsWithTheUtf8ByteOrderMarkAndEndsLinesWithCrLf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.open(out, "id", "name", "at")) {
            csv.row(BigInteger.ONE, "Zoë =x", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
            csv.row(2, "=1+1", null);
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFid,name,at\r\n1,Zoë =x,2026-01-02T01:04:05Z\r\n2,'=1+1,\r\n");
    }
}
