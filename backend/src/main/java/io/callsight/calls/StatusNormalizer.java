package io.callsight.calls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical spelling of call and lead statuses: trimmed, inner spaces collapsed, matched
 * case-insensitively (with '_' and '-' read as spaces) against a synonym map; an unknown status is
 * kept as received, trimmed.
 */
public final class StatusNormalizer {

    private final Map<String, String> callStatuses;
    private final Map<String, String> leadStatuses;

    /** @param callStatuses synonym key (see {@link #key}) to canonical call status; same for leads */
    public StatusNormalizer(Map<String, String> callStatuses, Map<String, String> leadStatuses) {
        this.callStatuses = Map.copyOf(callStatuses);
        this.leadStatuses = Map.copyOf(leadStatuses);
    }

    /** The synonyms stored in {@code status_synonym}, read on {@code c}. */
    public static StatusNormalizer load(Connection c) throws SQLException {
        Map<String, String> call = new HashMap<>();
        Map<String, String> lead = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT kind, synonym_key, canonical FROM status_synonym")) {
            while (rs.next()) {
                ("CALL".equals(rs.getString(1)) ? call : lead).put(rs.getString(2), rs.getString(3));
            }
        }
        return new StatusNormalizer(call, lead);
    }

    public String callStatus(String raw) {
        return normalise(raw, callStatuses);
    }

    public String leadStatus(String raw) {
        return normalise(raw, leadStatuses);
    }

    private static String normalise(String raw, Map<String, String> synonyms) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        String canonical = synonyms.get(key(trimmed));
        return canonical != null ? canonical : trimmed;
    }

    /** The lookup key of a status: lower case, '_' and '-' as spaces, whitespace collapsed. */
    public static String key(String status) {
        StringBuilder sb = new StringBuilder(status.length());
        boolean space = false;
        for (char c : status.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isWhitespace(c) || c == '_' || c == '-') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
