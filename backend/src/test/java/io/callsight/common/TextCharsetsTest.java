package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Text uploads are decoded strictly: a declared charset is honoured, an undeclared non-UTF-8 file is refused. */
class TextCharsetsTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static byte[] fixture(String name) {
        return Fixtures.bytes(name);
    }

    @Test
    void aDeclaredWindows1252FileReadsAsItsText() throws IOException {
        String text = TextCharsets.decode(fixture("calls-windows-1252.csv"), CP1252, "The call file");
        assertThat(text).contains("José Müller", "Zoë O’Brien – €").doesNotContain("\uFFFD");
        byte[] utf8 = TextCharsets.toUtf8(fixture("calls-windows-1252.csv"), CP1252, "The call file");
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void anUndeclaredWindows1252FileIsRefusedWithItsLineAndBytePosition() {
        assertThatThrownBy(() -> TextCharsets.decode(fixture("calls-windows-1252.csv"), StandardCharsets.UTF_8,
                "The call file")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("The call file is not valid UTF-8: line 2, byte 49 of the line (byte 151 of the "
                        + "file) is 0xE9")
                .hasMessageContaining("?charset=windows-1252");
    }

    @Test
    void theStreamingReaderRefusesAcrossBufferBoundariesAndAtTheEnd() throws IOException {
        byte[] body = ("a\n" + "x".repeat(70_000) + "\n").getBytes(StandardCharsets.US_ASCII);
        body[body.length - 1] = (byte) 0xC3; // a two-byte sequence cut off by the end of the file
        try (Reader r = TextCharsets.reader(new ByteArrayInputStream(body), StandardCharsets.UTF_8, "The file")) {
            assertThatThrownBy(() -> r.transferTo(new StringWriter())).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("The file is not valid UTF-8: line 2, byte 70001 of the line (byte 70003 of "
                            + "the file) is 0xC3");
        }
        String ok = "é€ and more ".repeat(10_000);
        assertThat(TextCharsets.decode(ok.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "x")).isEqualTo(ok);
    }

    @Test
    void bytesWithNoCharacterInTheDeclaredCharsetAreRefusedToo() {
        byte[] body = {'a', ',', 'b', '\n', 'x', (byte) 0x81, '\n'};
        assertThatThrownBy(() -> TextCharsets.decode(body, CP1252, "The snapshot")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("The snapshot is not valid windows-1252: line 2, byte 2 of the line")
                .hasMessageContaining("0x81 (no character in windows-1252)");
    }

    @Test
    void theCharsetComesFromTheParameterOrTheContentType() {
        assertThat(TextCharsets.declared("cp1252", "text/csv; charset=utf-8")).isEqualTo(CP1252);
        assertThat(TextCharsets.declared(null, "text/csv;charset=\"Windows-1252\"")).isEqualTo(CP1252);
        assertThat(TextCharsets.declared(null, "text/csv")).isNull();
        assertThat(TextCharsets.of(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextCharsets.withCharset("text/csv; charset=utf-8", "windows-1252"))
                .isEqualTo("text/csv; charset=windows-1252");
        assertThatThrownBy(() -> TextCharsets.declared("klingon", null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Unknown charset 'klingon'");
    }

    @Test
    void aUtf8ByteOrderMarkMeansUtf8AndTheClientsLatin1DefaultIsNoDeclaration() throws IOException {
        byte[] bom = "\uFEFFname\nZoë\n".getBytes(StandardCharsets.UTF_8);
        assertThat(TextCharsets.toUtf8(bom, CP1252, "The file")).isSameAs(bom);
        assertThat(TextCharsets.decode(bom, CP1252, "The file")).isEqualTo("\uFEFFname\nZoë\n");
        // rest-assured, older HttpClients and others add charset=ISO-8859-1 to every text body by themselves
        assertThat(TextCharsets.declared(null, "text/csv; charset=ISO-8859-1")).isNull();
        assertThat(TextCharsets.declared(null, "text/csv; charset=US-ASCII")).isNull();
        assertThat(TextCharsets.declared("iso-8859-1", "text/csv")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void binaryFilesAreNotTranscoded() throws IOException {
        byte[] parquet = {'P', 'A', 'R', '1', (byte) 0x81, 0};
        assertThat(TextCharsets.toUtf8(parquet, CP1252, "The lead file")).isSameAs(parquet);
    }
}
