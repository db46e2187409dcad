package io.callsight.common;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The one way the server writes CSV that people open in spreadsheets: UTF-8 with a byte order mark (so Excel
 * reads it as UTF-8, not the machine's code page), CRLF line ends, RFC 4180 quoting, and the formula guard.
 *
 * <p>Formula guard (OWASP "CSV injection"): a text cell starting with {@code = + - @}, a tab or a carriage
 * return would run as a formula in Excel, LibreOffice or Google Sheets; it is written with a leading apostrophe,
 * which spreadsheets show as text. A cell that is a plain number ({@code -12}, {@code +15551230001}) is not a
 * formula and is left as it is, so numbers and E.164 phone numbers stay numbers.
 */
public final class CsvWriter implements AutoCloseable {

    /** The UTF-8 byte order mark (U+FEFF). */
    public static final String BOM = "\uFEFF";

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    private CsvWriter(Writer out) {
        this.out = out;
    }

    /** A writer over {@code out} that has written the byte order mark and the header row. */
    public static CsvWriter open(OutputStream out, String... header) throws IOException {
        CsvWriter csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        csv.out.write(BOM);
        csv.row((Object[]) header);
        return csv;
    }

    /** Writes one row; null cells are empty, times are written in UTC (ISO 8601). */
    public void row(Object... cells) throws IOException {
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        out.append(line).append("\r\n");
    }

    /** One cell as CSV text: formula-guarded, then quoted when needed. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String s = value instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC).toString() : value.toString();
        return CsvReader.escape(guard(s), ',');
    }

    /** The formula guard alone: a leading apostrophe on text a spreadsheet would run as a formula. */
    public static String guard(String text) {
        if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 || PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    /** Sends what is buffered to the client (a long export shows progress). */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
