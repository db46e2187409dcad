package io.callsight.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz tests' own reading and writing of delimited text, independent of the production CsvReader: splits
 * a whole text into records (quotes with doubled quotes, separators and line breaks inside quotes), and writes
 * records back with the line each one starts on.
 */
final class SimpleCsv {

    private SimpleCsv() {
    }

    /** Every record of {@code text} (a leading BOM dropped, blank lines skipped). */
    static List<List<String>> read(String text, char sep) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == sep) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                    records.add(fields);
                }
                fields = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** A field quoted when it holds the separator, a quote or a line break. */
    static String field(String v, char sep) {
        if (v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** Line breaks a record's text holds inside its fields (a CRLF counts once). */
    static int embeddedBreaks(List<String> record) {
        int n = 0;
        for (String v : record) {
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '\n' || (ch == '\r' && (i + 1 == v.length() || v.charAt(i + 1) != '\n'))) {
                    n++;
                }
            }
        }
        return n;
    }
}
