package io.callsight.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.common.Transactions;
import io.callsight.security.CurrentUser;

/**
 * The legal-holiday calendars NO_CALL_DAYS rules read (ADMIN edits them; the GraphQL mutations are audited). A change
 * checks the calls around that date again: a holiday is a local date, so every call within a day of it in UTC.
 */
@ApplicationScoped
public class ComplianceHolidayService {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ComplianceService compliance;

    @Inject
    CurrentUser user;

    /** The holidays of one jurisdiction (all when null) in one year (all when null), by jurisdiction and date. */
    public List<ComplianceHoliday> holidays(String jurisdiction, Integer year) {
        String j = jurisdiction == null ? null : jurisdiction(jurisdiction);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT jurisdiction, "
                + "day, name, source, updated_at, updated_by FROM compliance_holiday WHERE (?::text IS NULL OR jurisdiction = ?) "
                + "AND (?::int IS NULL OR extract(year FROM day) = ?) ORDER BY jurisdiction, day")) {
            ps.setString(1, j);
            ps.setString(2, j);
            ps.setObject(3, year, java.sql.Types.INTEGER);
            ps.setObject(4, year, java.sql.Types.INTEGER);
            List<ComplianceHoliday> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(holiday(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the holidays: " + e.getMessage(), e);
        }
    }

    /** Adds or renames a holiday, then checks the calls around it again. */
    public ComplianceHoliday setHoliday(String jurisdiction, LocalDate day, String name, String source) {
        String j = jurisdiction(jurisdiction);
        LocalDate d = day(day);
        if (name == null || name.isBlank()) {
            throw new BadInputException("name: the holiday's name");
        }
        ComplianceHoliday stored;
        try (Connection c = dataSource.getConnection()) {
            stored = Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO compliance_holiday (jurisdiction, day, name, "
                        + "source, updated_at, updated_by) VALUES (?, ?, ?, ?, now(), ?) ON CONFLICT (jurisdiction, day) DO "
                        + "UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source, updated_at = now(), "
                        + "updated_by = EXCLUDED.updated_by RETURNING jurisdiction, day, name, source, updated_at, updated_by")) {
                    ps.setString(1, j);
                    ps.setObject(2, d);
                    ps.setString(3, name.strip());
                    ps.setString(4, source == null || source.isBlank() ? null : source.strip());
                    ps.setString(5, user.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return holiday(rs);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the holiday: " + e.getMessage(), e);
        }
        recheckAround(d);
        return stored;
    }

    /** Deletes a holiday, then checks the calls around it again. */
    public boolean deleteHoliday(String jurisdiction, LocalDate day) {
        String j = jurisdiction(jurisdiction);
        LocalDate d = day(day);
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM compliance_holiday WHERE jurisdiction = ? "
                        + "AND day = ?")) {
                    ps.setString(1, j);
                    ps.setObject(2, d);
                    if (ps.executeUpdate() == 0) {
                        throw new NotFoundException("No holiday of " + j + " on " + d);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the holiday: " + e.getMessage(), e);
        }
        recheckAround(d);
        return true;
    }

    private void recheckAround(LocalDate day) {
        // a local date lies within UTC-12..UTC+14 of it: two days either side is enough (dates only: no quoting issue)
        compliance.recompute("SELECT lead_key FROM call WHERE dial_time >= '" + day.minusDays(2) + "'::date "
                + "AND dial_time < '" + day.plusDays(3) + "'::date");
    }

    private static String jurisdiction(String raw) {
        String j = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!JURISDICTION.matcher(j).matches()) {
            throw new BadInputException("jurisdiction: US (federal) or a two-letter state code (was '" + raw + "')");
        }
        return j;
    }

    private static LocalDate day(LocalDate day) {
        if (day == null) {
            throw new BadInputException("day: required");
        }
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            throw new BadInputException("day: a date between 2000 and 2100 (was " + day + ")");
        }
        return day;
    }

    private static ComplianceHoliday holiday(ResultSet rs) throws SQLException {
        return new ComplianceHoliday(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), rs.getString(6));
    }
}
