package io.callsight.common;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: quoted fields with doubled quotes and embedded separators or line
 * breaks, CRLF/LF/CR line endings, an optional UTF-8 BOM. Memory is bounded by the longest record. A NUL
 * character is read as U+FFFD (PostgreSQL text cannot hold it), as an undecodable byte is.
 * Each record reports the physical line it started on (the header is line 1).
 */
public final class CsvReader implements AutoCloseable {

    /** One record: its fields and the line number it starts on. */
    public record Row(int line, List<String> fields) {

        /** The record as CSV text again (quoting only where needed); used for rejected rows. */
        public String raw(char separator) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(separator);
                }
                sb.append(escape(fields.get(i), separator));
            }
            return sb.toString();
        }
    }

    /** A field as CSV text (RFC 4180): quoted only when it holds the separator, a quote or a line break. */
    public static String escape(String field, char separator) {
        if (field.indexOf(separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    /** The input cannot be split into records: the file is refused (400 BAD_INPUT), whichever endpoint read it. */
    public static final class MalformedCsvException extends BadInputException {
        public MalformedCsvException(String message) {
            super(message);
        }
    }

    private static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private final char separator;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line = 1;
    private boolean first = true;

    private long recordsReturned;

    public CsvReader(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** Refills the buffer when it is used up; false at the end of input. */
    private boolean fill() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return false;
            }
        }
        return true;
    }

    private int read() throws IOException {
        return fill() ? buf[pos++] : -1;
    }

    private int peek() throws IOException {
        return fill() ? buf[pos] : -1;
    }

    /**
     * The first record, as a header: refused when the file holds only blank lines.
     *
     * @param what how the message names the file, e.g. "The metric file"
     */
    public Row header(String what) throws IOException {
        Row header = next();
        if (header == null) {
            throw new BadInputException(what + " has no header line (it holds only blank lines)");
        }
        return header;
    }

    /** The next non-blank record, or null at the end of input. */
    public Row next() throws IOException {
        Row row = nextNonBlank();
        if (row != null && recordsReturned++ > 0) {
            UploadProgress.rowRead(); // every record after the first (the header line, in every file read here)
        }
        return row;
    }

    private Row nextNonBlank() throws IOException {
        while (true) {
            Row row = nextRecord();
            if (row == null) {
                return null;
            }
            if (!(row.fields().size() == 1 && row.fields().get(0).isBlank())) {
                return row;
            }
        }
    }

    private Row nextRecord() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int length = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                return new Row(startLine, fields);
            }
            if (++length > MAX_RECORD_CHARS) {
                throw new MalformedCsvException("Record starting on line " + startLine + " is longer than "
                        + MAX_RECORD_CHARS + " characters (an unterminated quote?)");
            }
            char ch = c == 0 ? '\uFFFD' : (char) c;
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n' || (ch == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                return new Row(startLine, fields);
            } else {
                field.append(ch);
                fieldStarted = true;
            }
            c = read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
