package io.callsight.leadquality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.callsight.common.BadInputException;
import io.callsight.common.TextCharsets;
import io.callsight.common.CsvReader;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.StoredText;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaColumn;

/**
 * Reads one CRM report snapshot with its source's registry entry: maps the header (synonyms), trims
 * every value, turns sentinels into nulls, reads each value by its column's type, and logs each value
 * it cannot read (it becomes null; the row is kept). Unknown columns are kept as sent, but for personal data: the
 * unknown and free-text columns are scanned ({@link PersonalData}) and kept masked (values and raw row); a raw e-mail
 * or phone number in a hash column is hashed by {@link LeadIdentity}'s rules, kept masked in the raw row, and
 * counted for its own check. A file missing a required column is refused whole.
 */
final class SnapshotParser {

    static final String LEAD_NUMBER = "LEADNUMBER";
    static final String EMAIL_HASH = "email_hash";
    static final String PHONE_HASH = "phone_hash";
    static final String ENTRY_DATE = "ENTRYDATE";
    static final String CITY = "CITY";
    static final String STATE = "STATE";
    static final String ZIP = "ZIP";
    static final String LOCATION = "location";
    static final String APPOINTMENT = "Appt Date";
    static final String SET = "Set";
    static final String DEMO = "Demo";
    static final String DISPO = "Dispo";
    static final String JOB_STATUS = "Job Status";

    record ValueIssue(int line, String column, String value, String reason) {
    }

    record Row(int line, String leadNumber, String emailHash, String phoneHash, LocalDate entryDate, String city,
            String state, String zip, LocalDateTime appointmentAt, Boolean set, Boolean demo, String dispo,
            String jobStatus, Map<String, String> extra, String raw) {

        /** A lead's identity within its source: the lead number, else its hash pair. */
        String identity() {
            if (leadNumber != null) {
                return "n:" + leadNumber;
            }
            return "h:" + (emailHash == null ? "" : emailHash) + "|" + (phoneHash == null ? "" : phoneHash);
        }

        /** 0 none, 1 appointment set, 2 demo, 3 sale: the furthest stage this row gives evidence for. */
        int stage() {
            if (dispo != null && dispo.strip().equalsIgnoreCase("Sale")) {
                return 3;
            }
            if (Boolean.TRUE.equals(demo)) {
                return 2;
            }
            if (Boolean.TRUE.equals(set) || appointmentAt != null) {
                return 1;
            }
            return 0;
        }
    }

    /** {@code personalData}: found in unknown and free-text columns; {@code rawContacts}: in the hash columns. */
    record Parsed(List<String> header, Map<String, String> columnMap, List<String> unknownColumns,
            Map<String, String> encodings, List<Row> rows, List<ValueIssue> issues, int rowsRead, int sentinelRows,
            List<PersonalDataFinding> personalData, List<PersonalDataFinding> rawContacts) {
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern ZIP_FLOAT = Pattern.compile("^(\\d{1,5})(\\.0+)?$");
    private static final Pattern ZIP_PLUS4 = Pattern.compile("^(\\d{5})-\\d{4}$");
    private static final Pattern STATE_CODE = Pattern.compile("^[A-Za-z]{2}$");

    private final CrmSource source;
    private final Map<String, List<DateTimeFormatter>> formatters = new HashMap<>();
    private final String phoneRegion;
    private final PersonalData.Scan freeText;
    private final PersonalData.Scan hashColumns;

    SnapshotParser(CrmSource source) {
        this(source, "US");
    }

    /** {@code phoneRegion}: the region phone numbers without {@code +} are read in. */
    SnapshotParser(CrmSource source, String phoneRegion) {
        this.source = source;
        this.phoneRegion = phoneRegion;
        this.freeText = new PersonalData.Scan(phoneRegion);
        this.hashColumns = new PersonalData.Scan(phoneRegion);
        for (SchemaColumn c : source.columns()) {
            List<DateTimeFormatter> list = new ArrayList<>();
            for (String pattern : c.formats()) {
                list.add(new DateTimeFormatterBuilder().parseCaseInsensitive()
                        .appendPattern(pattern.replace("yyyy", "uuuu")).toFormatter(Locale.US)
                        .withResolverStyle(ResolverStyle.STRICT));
            }
            formatters.put(c.name(), list);
        }
    }

    /** The header and how its columns map onto the source's schema. */
    private record Header(List<String> names, Map<Integer, SchemaColumn> byIndex, Map<String, String> columnMap,
            List<String> unknown) {
    }

    Parsed parse(InputStream in) throws IOException {
        Reader reader = skipBom(new BufferedReader(TextCharsets.reader(in, StandardCharsets.UTF_8, "The snapshot"), 1 << 16));
        try (CsvReader csv = new CsvReader(reader, ',')) {
            CsvReader.Row headerRow = csv.next();
            if (headerRow == null) {
                throw new BadInputException("Snapshot refused: the file is empty (no header line)");
            }
            Header header = header(headerRow.fields().stream().map(String::strip).toList());
            Set<String> sentinels = new LinkedHashSet<>(source.sentinels());
            Map<String, Set<String>> forms = new TreeMap<>();
            List<Row> rows = new ArrayList<>();
            List<ValueIssue> issues = new ArrayList<>();
            int rowsRead = 0;
            int sentinelRows = 0;
            CsvReader.Row r;
            while ((r = csv.next()) != null) {
                rowsRead++;
                if (onlySentinels(r.fields(), sentinels)) {
                    sentinelRows++;
                } else {
                    rows.add(row(r, header, sentinels, forms, issues));
                }
            }
            Map<String, String> encodings = new TreeMap<>();
            forms.forEach((column, set) -> encodings.put(column, String.join(" ", new TreeSet<>(set))));
            return new Parsed(header.names(), header.columnMap(), header.unknown(), encodings, rows, issues, rowsRead,
                    sentinelRows, freeText.findings(), hashColumns.findings());
        }
    }

    /** Maps the header onto the schema; refuses the file when a required column is missing. */
    private Header header(List<String> names) {
        Map<Integer, SchemaColumn> byIndex = new HashMap<>();
        Map<String, String> columnMap = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String h = names.get(i);
            Optional<SchemaColumn> match = source.columns().stream().filter(c -> c.accepts(h)).findFirst();
            if (match.isPresent()) {
                byIndex.put(i, match.get());
                columnMap.put(h, match.get().name());
            } else {
                unknown.add(h);
            }
        }
        List<String> missing = new ArrayList<>();
        for (SchemaColumn c : source.columns()) {
            if (c.required() && !columnMap.containsValue(c.name())) {
                missing.add(c.name() + (c.synonyms().isEmpty() ? "" : " (or " + String.join(", ", c.synonyms()) + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("Snapshot refused: required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join("; ", missing) + " missing from the header (line 1: "
                    + String.join(",", names) + "). Nothing was loaded.");
        }
        return new Header(names, byIndex, columnMap, unknown);
    }

    /** A row with values, every one of them a sentinel (a placeholder row of the report). */
    private static boolean onlySentinels(List<String> fields, Set<String> sentinels) {
        boolean anyValue = false;
        for (String v : fields) {
            String t = v.strip();
            if (!t.isEmpty()) {
                anyValue = true;
                if (!sentinels.contains(t)) {
                    return false;
                }
            }
        }
        return anyValue;
    }

    /** One report row; unreadable values go to {@code issues}, the way values were written to {@code forms}. */
    private Row row(CsvReader.Row sent, Header header, Set<String> sentinels, Map<String, Set<String>> forms,
            List<ValueIssue> issues) {
        CsvReader.Row[] read = personalData(sent, header);
        CsvReader.Row r = read[0];
        String raw = read[1].raw(',');
        List<String> f = r.fields();
        if (f.size() != header.names().size()) {
            issues.add(new ValueIssue(r.line(), "(row)", raw,
                    "row has " + f.size() + " fields, the header " + header.names().size() + "; read by position"));
        }
        Map<String, Object> values = new HashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < f.size() && i < header.names().size(); i++) {
            String rawValue = f.get(i);
            String value = rawValue.strip();
            SchemaColumn c = header.byIndex().get(i);
            if (c == null) { // kept as sent, personal data masked
                if (!value.isEmpty()) {
                    extra.put(header.names().get(i), value);
                }
                continue;
            }
            if (value.isEmpty() || sentinels.contains(value)) {
                continue;
            }
            if (!value.equals(rawValue) && c.dataType().equals("TEXT")) {
                forms.computeIfAbsent(c.name(), k -> new LinkedHashSet<>()).add("padded");
            }
            if (values.containsKey(c.name())) {
                continue; // two columns for one canonical name: the first with a value wins
            }
            try {
                values.put(c.name(), read(c, value, forms));
            } catch (IllegalArgumentException e) {
                String kept = c.dataType().equals("TEXT") ? rawValue : freeText.scan(header.names().get(i), rawValue);
                issues.add(new ValueIssue(r.line(), c.name(), kept, e.getMessage())); // unreadable: personal data masked
            }
        }
        String[] location = (String[]) values.get(LOCATION);
        String city = (String) values.get(CITY);
        String state = (String) values.get(STATE);
        if (location != null) {
            city = city == null ? location[0] : city;
            state = state == null ? location[1] : state;
        }
        return new Row(r.line(), (String) values.get(LEAD_NUMBER), lower((String) values.get(EMAIL_HASH)),
                lower((String) values.get(PHONE_HASH)), (LocalDate) values.get(ENTRY_DATE), city, state,
                (String) values.get(ZIP), (LocalDateTime) values.get(APPOINTMENT), (Boolean) values.get(SET),
                (Boolean) values.get(DEMO), (String) values.get(DISPO), (String) values.get(JOB_STATUS),
                extra, raw);
    }

    /**
     * The row to read and the row to keep as raw text: personal data of unknown and free-text columns (and fields
     * past the header) masked in both; a raw e-mail or phone number in a hash column hashed in the first, masked in
     * the second. {@code sent} itself, twice, when there is none.
     */
    private CsvReader.Row[] personalData(CsvReader.Row sent, Header header) {
        List<String> f = sent.fields();
        List<String> toRead = f;
        List<String> toKeep = f;
        for (int i = 0; i < f.size(); i++) {
            SchemaColumn c = header.byIndex().get(i);
            String name = i < header.names().size() ? header.names().get(i) : "(field " + (i + 1) + ")";
            String v = f.get(i);
            boolean hash = c != null && (c.name().equals(EMAIL_HASH) || c.name().equals(PHONE_HASH));
            String masked = hash ? hashColumns.scan(name, v) : c == null || freeText(c) ? freeText.scan(name, v) : v;
            if (masked != v) {
                toRead = toRead == f ? new ArrayList<>(f) : toRead;
                toKeep = toKeep == f ? new ArrayList<>(f) : toKeep;
                toRead.set(i, hash ? hashed(v) : masked);
                toKeep.set(i, masked);
            }
        }
        return toRead == f ? new CsvReader.Row[] {sent, sent}
                : new CsvReader.Row[] {new CsvReader.Row(sent.line(), toRead), new CsvReader.Row(sent.line(), toKeep)};
    }

    /** Text columns other than the lead number and the hashes (city, disposition, job status...): free text. */
    private static boolean freeText(SchemaColumn c) {
        return c.dataType().equals("TEXT") && !c.name().equals(LEAD_NUMBER);
    }

    /** A raw e-mail or phone number sent where its hash belongs, hashed as the lead file's would be. */
    private String hashed(String value) {
        String email = LeadIdentity.normalEmail(value);
        String normal = email != null ? email : LeadIdentity.normalPhone(value, phoneRegion);
        return normal == null ? value : LeadIdentity.hash(normal);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Reads one trimmed, non-empty value; IllegalArgumentException carries the reason it cannot be read. */
    private Object read(SchemaColumn c, String value, Map<String, Set<String>> forms) {
        switch (c.dataType()) {
            case "TEXT":
                if (StoredText.tooLong(value)) { // lead numbers, hashes, places and statuses are indexed
                    throw new IllegalArgumentException(StoredText.TOO_LONG);
                }
                return value;
            case "STATE":
                if (!STATE_CODE.matcher(value).matches()) {
                    throw new IllegalArgumentException("not a two-letter state");
                }
                return value.toUpperCase(Locale.ROOT);
            case "ZIP":
                return zip(value);
            case "BOOLEAN": {
                Boolean b = bool(value);
                forms.computeIfAbsent(c.name(), k -> new LinkedHashSet<>()).add(booleanForm(value));
                return b;
            }
            case "DATE":
            case "TIMESTAMP": {
                String v = SPACES.matcher(value).replaceAll(" ");
                List<DateTimeFormatter> list = formatters.get(c.name());
                for (int i = 0; i < list.size(); i++) {
                    try {
                        var parsed = list.get(i).parseBest(v, LocalDateTime::from, LocalDate::from);
                        forms.computeIfAbsent(c.name(), k -> new LinkedHashSet<>()).add(c.formats().get(i));
                        if (c.dataType().equals("DATE")) {
                            return parsed instanceof LocalDateTime t ? t.toLocalDate() : parsed;
                        }
                        return parsed instanceof LocalDate d ? d.atStartOfDay() : parsed;
                    } catch (DateTimeParseException e) {
                        // next format
                    }
                }
                throw new IllegalArgumentException("not a " + (c.dataType().equals("DATE") ? "date" : "date and time")
                        + " in any of the formats " + String.join(", ", c.formats()));
            }
            case "CITY_STATE": {
                int bar = value.lastIndexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException("not \"City | ST\"");
                }
                String city = value.substring(0, bar).strip();
                if (StoredText.tooLong(city)) {
                    throw new IllegalArgumentException("the city is " + StoredText.TOO_LONG);
                }
                String state = value.substring(bar + 1).strip();
                if (city.isEmpty() && state.isEmpty()) {
                    return null; // "|": neither side given, nothing to read
                }
                if (!state.isEmpty() && !STATE_CODE.matcher(state).matches()) {
                    throw new IllegalArgumentException("not \"City | ST\": \"" + state + "\" is not a two-letter state");
                }
                // Either side may be missing ("El Prado |", "| NV"): the other is still read.
                return new String[] {city.isEmpty() ? null : city, state.isEmpty() ? null : state.toUpperCase(Locale.ROOT)};
            }
            default:
                throw new IllegalStateException("Unknown data type " + c.dataType());
        }
    }

    /** ZIP as five digits whatever float or padding it arrives in (98311.0, 8831 -> 08831, 98311-1234). */
    static String zip(String value) {
        var plus4 = ZIP_PLUS4.matcher(value);
        if (plus4.matches()) {
            return plus4.group(1);
        }
        var m = ZIP_FLOAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ZIP code");
        }
        String digits = m.group(1);
        if (digits.length() < 3) {
            throw new IllegalArgumentException("not a ZIP code (too few digits)");
        }
        return "0".repeat(5 - digits.length()) + digits;
    }

    static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "true", "t", "yes", "y" -> Boolean.TRUE;
            case "0", "0.0", "false", "f", "no", "n" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a yes/no value (0/1, True/False, yes/no)");
        };
    }

    private static String booleanForm(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "0" -> "0/1";
            case "1.0", "0.0" -> "0.0/1.0";
            case "true", "false" -> "True/False";
            case "t", "f" -> "T/F";
            default -> "yes/no";
        };
    }

    private static Reader skipBom(Reader in) throws IOException {
        PushbackReader p = new PushbackReader(in, 1);
        int c = p.read();
        if (c != -1 && c != '\uFEFF') {
            p.unread(c);
        }
        return p;
    }
}
