package io.callsight.sources;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One expected column of a CRM source, as the schema registry holds it. */
@Type("SchemaColumn")
public record SchemaColumn(
        @Description("Canonical column name") String name,
        @Description("TEXT, DATE, TIMESTAMP, BOOLEAN, ZIP, STATE, CITY_STATE (\"City | ST\"), INTEGER, DECIMAL or PERCENT (43.7% or 0.437)") String dataType,
        @Description("Header spellings accepted, matched ignoring case, spaces and punctuation") List<String> synonyms,
        @Description("java.time patterns tried in order for DATE and TIMESTAMP (several spaces read as one)") List<String> formats,
        @Description("A file without this column is refused") boolean required,
        String description) {

    static final List<String> TYPES = List.of("TEXT", "DATE", "TIMESTAMP", "BOOLEAN", "ZIP", "STATE", "CITY_STATE",
            "INTEGER", "DECIMAL", "PERCENT");

    /** Header names compare on letters and digits only, case-insensitively. */
    public static String normalize(String header) {
        StringBuilder b = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    public boolean accepts(String header) {
        String n = normalize(header);
        if (normalize(name).equals(n)) {
            return true;
        }
        for (String s : synonyms) {
            if (normalize(s).equals(n)) {
                return true;
            }
        }
        return false;
    }
}
