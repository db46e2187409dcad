package io.callsight.sources;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.common.Transactions;

/**
 * The schema registry: per CRM source, its expected columns with synonyms, types, formats and
 * whether they are required, and its sentinel values. Data, not code: a synonym is a row edit.
 * A source seen for the first time starts as a copy of the {@code default} source.
 */
@ApplicationScoped
public class SchemaRegistry {

    public static final String DEFAULT_SOURCE = "default";

    @Inject
    AgroalDataSource dataSource;

    public List<CrmSource> sources() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name FROM crm_source ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<CrmSource> all = new ArrayList<>();
            while (rs.next()) {
                all.add(load(c, rs.getString(1)));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema registry", e);
        }
    }

    public CrmSource source(String name) {
        try (Connection c = dataSource.getConnection()) {
            CrmSource s = load(c, name);
            if (s == null) {
                throw new NotFoundException("No CRM source named '" + name + "'");
            }
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema registry", e);
        }
    }

    /** The source's registry entry, or null. */
    public static CrmSource load(Connection c, String name) throws SQLException {
        String description;
        List<String> sentinels;
        int key;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source_key, description, sentinels FROM crm_source WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                key = rs.getInt(1);
                description = rs.getString(2);
                sentinels = strings(rs.getArray(3));
            }
        }
        List<SchemaColumn> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, data_type, synonyms, formats, required, description "
                + "FROM crm_schema_column WHERE source_key = ? ORDER BY required DESC, name")) {
            ps.setInt(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new SchemaColumn(rs.getString(1), rs.getString(2), strings(rs.getArray(3)),
                            strings(rs.getArray(4)), rs.getBoolean(5), rs.getString(6)));
                }
            }
        }
        return new CrmSource(name, description, sentinels, columns);
    }

    /** The source's key, creating the source as a copy of the default one when it is new. */
    public static int ensureSource(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT source_key FROM crm_source WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        int key;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_source (name, description, sentinels) "
                + "SELECT ?, 'Created from the default source on its first snapshot', sentinels FROM crm_source "
                + "WHERE name = ? RETURNING source_key")) {
            ps.setString(1, name);
            ps.setString(2, DEFAULT_SOURCE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The default CRM source is missing from the schema registry");
                }
                key = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_schema_column (source_key, name, data_type, "
                + "synonyms, formats, required, description) SELECT ?, name, data_type, synonyms, formats, required, "
                + "description FROM crm_schema_column WHERE source_key = (SELECT source_key FROM crm_source WHERE name = ?)")) {
            ps.setInt(1, key);
            ps.setString(2, DEFAULT_SOURCE);
            ps.executeUpdate();
        }
        return key;
    }

    /** Adds or replaces one column of a source's schema (the source is created when new). */
    public CrmSource setColumn(String sourceName, SchemaColumnInput input) {
        validate(input);
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                int key = ensureSource(tx, sourceName);
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO crm_schema_column (source_key, name, "
                        + "data_type, synonyms, formats, required, description) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (source_key, name) DO UPDATE SET data_type = EXCLUDED.data_type, "
                        + "synonyms = EXCLUDED.synonyms, formats = EXCLUDED.formats, required = EXCLUDED.required, "
                        + "description = coalesce(EXCLUDED.description, crm_schema_column.description)")) {
                    ps.setInt(1, key);
                    ps.setString(2, input.name().strip());
                    ps.setString(3, input.dataType().toUpperCase(Locale.ROOT));
                    ps.setArray(4, tx.createArrayOf("text", clean(input.synonyms()).toArray()));
                    ps.setArray(5, tx.createArrayOf("text", clean(input.formats()).toArray()));
                    ps.setBoolean(6, Boolean.TRUE.equals(input.required()));
                    ps.setString(7, input.description());
                    return ps.executeUpdate();
                }
            });
            return load(c, sourceName);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the schema registry", e);
        }
    }

    private static void validate(SchemaColumnInput input) {
        if (input == null || input.name() == null || input.name().isBlank()) {
            throw new BadInputException("A schema column needs a name");
        }
        String type = input.dataType() == null ? "" : input.dataType().toUpperCase(Locale.ROOT);
        if (!SchemaColumn.TYPES.contains(type)) {
            throw new BadInputException("Unknown data type '" + input.dataType() + "' for column " + input.name()
                    + " (expected one of " + String.join(", ", SchemaColumn.TYPES) + ")");
        }
        if ((type.equals("DATE") || type.equals("TIMESTAMP")) && clean(input.formats()).isEmpty()) {
            throw new BadInputException("Column " + input.name() + " is a " + type + " and needs at least one format, e.g. MM/dd/yyyy");
        }
        for (String f : clean(input.formats())) {
            try {
                DateTimeFormatter.ofPattern(f, Locale.US);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("Format '" + f + "' of column " + input.name() + " is not a date pattern: " + e.getMessage());
            }
        }
    }

    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
