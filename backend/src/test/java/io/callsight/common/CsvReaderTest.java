package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the fuzz tests found in the CSV reader every upload uses (each was a 500 before). */
class CsvReaderTest {

    @Test
    void nulIsReadAsTheReplacementCharacter() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,b\nx\u0000y,\"q\u0000\"\n"), ',')) {
            csv.next();
            assertThat(csv.next().fields()).containsExactly("x\uFFFDy", "q\uFFFD");
        }
    }

    @Test
    void anOverlongRecordIsBadInputNotAnIoError() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a\n\"" + "x".repeat(1_100_000) + "\n"), ',')) {
            csv.next();
            assertThatThrownBy(csv::next).isInstanceOf(BadInputException.class).hasMessageContaining("longer than");
        }
    }

    @Test
    void aFileOfBlankLinesHasNoHeader() throws IOException {
        for (String text : List.of("\r\n", "\n \n", "\r\r  \r\n")) {
            try (CsvReader csv = new CsvReader(new StringReader(text), ';')) {
                assertThatThrownBy(() -> csv.header("The metric file")).isInstanceOf(BadInputException.class)
                        .hasMessage("The metric file has no header line (it holds only blank lines)");
            }
        }
    }
}
