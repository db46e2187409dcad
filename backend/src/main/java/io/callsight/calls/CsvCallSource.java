package io.callsight.calls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.callsight.common.BadInputException;
import io.callsight.common.CsvReader;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.TextCharsets;

/**
 * Call records from a delimited text file. The separator (comma, semicolon, tab or pipe) is the one
 * the header line uses most; header names are matched with {@link CallField#forHeader}. Unknown and free-text
 * columns are scanned for personal data ({@link PersonalData}) and their values given masked, in the fields and in
 * the raw text a reject keeps.
 */
public final class CsvCallSource implements CallSource {

    private final CsvReader reader;
    private final CallField[] columns;
    private final List<String> ignored = new ArrayList<>();
    private final int width;
    private final char separator;
    private final String[] names;
    private final boolean[] scanned;
    private final PersonalData.Scan scan;

    public CsvCallSource(InputStream in) throws IOException {
        this(in, StandardCharsets.UTF_8, null, "US");
    }

    /**
     * Call records from text in {@code charset}, decoded strictly, or from the sheet {@code sheet} (null: the
     * first) of an Excel workbook ({@link TextCharsets#reader(InputStream, Charset, String, String)}); phone
     * numbers without {@code +} in free text are read in {@code phoneRegion}.
     */
    public CsvCallSource(InputStream in, Charset charset, String sheet, String phoneRegion) throws IOException {
        PushbackReader pushback = new PushbackReader(
                new BufferedReader(TextCharsets.reader(in, charset, sheet, "The call file"), 1 << 16), 8192);
        char[] probe = new char[8192];
        int n = pushback.read(probe, 0, probe.length);
        if (n <= 0) {
            throw new BadInputException("The file is empty: expected a header line naming the call fields");
        }
        pushback.unread(probe, 0, n);
        this.separator = guessSeparator(new String(probe, 0, n));
        this.reader = new CsvReader(pushback, separator);
        CsvReader.Row header = reader.next();
        if (header == null) {
            throw new BadInputException("The file is empty: expected a header line naming the call fields");
        }
        this.width = header.fields().size();
        this.columns = new CallField[width];
        this.names = new String[width];
        this.scanned = new boolean[width];
        this.scan = new PersonalData.Scan(phoneRegion);
        Set<CallField> seen = EnumSet.noneOf(CallField.class);
        for (int i = 0; i < width; i++) {
            String name = header.fields().get(i).strip();
            CallField f = CallField.forHeader(name);
            if (f == null || !seen.add(f)) {
                ignored.add(name);
            } else {
                columns[i] = f;
            }
            names[i] = name;
            scanned[i] = columns[i] == null || f.freeText();
        }
        List<String> missing = new ArrayList<>();
        for (CallField f : CallField.values()) {
            if (f.required && !seen.contains(f)) {
                missing.add(f.canonical);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("Line 1 (header): required column(s) missing: " + String.join(", ", missing)
                    + ". Found columns: " + String.join(", ", header.fields()));
        }
    }

    static char guessSeparator(String head) {
        int end = head.indexOf('\n');
        String firstLine = end < 0 ? head : head.substring(0, end);
        char best = ',';
        long bestCount = 0;
        for (char c : new char[] {',', ';', '\t', '|'}) {
            long count = firstLine.chars().filter(ch -> ch == c).count();
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    @Override
    public RawCall next() throws IOException {
        CsvReader.Row row;
        try {
            row = reader.next();
        } catch (CsvReader.MalformedCsvException e) {
            throw new BadInputException(e.getMessage());
        }
        if (row == null) {
            return null;
        }
        List<String> fields = masked(row.fields());
        CsvReader.Row kept = fields == row.fields() ? row : new CsvReader.Row(row.line(), fields);
        if (fields.size() != width) {
            return RawCall.malformed(row.line(), () -> kept.raw(separator),
                    "row has " + fields.size() + " fields, the header has " + width);
        }
        String[] values = new String[CallField.values().length];
        for (int i = 0; i < width; i++) {
            CallField f = columns[i];
            if (f != null) {
                String v = fields.get(i);
                values[f.ordinal()] = v.isBlank() ? null : v;
            }
        }
        return RawCall.lazy(row.line(), values, () -> kept.raw(separator));
    }

    /** {@code fields} with the personal data of unknown, free-text and surplus fields masked; the same list when none. */
    private List<String> masked(List<String> fields) {
        List<String> out = fields;
        for (int i = 0; i < fields.size(); i++) {
            if (i < width && !scanned[i]) {
                continue;
            }
            String v = fields.get(i);
            String m = scan.scan(i < width ? names[i] : "(field " + (i + 1) + ")", v);
            if (m != v) {
                out = out == fields ? new ArrayList<>(fields) : out;
                out.set(i, m);
            }
        }
        return out;
    }

    @Override
    public List<PersonalDataFinding> personalData() {
        return scan.findings();
    }

    @Override
    public List<String> ignoredColumns() {
        return ignored;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
