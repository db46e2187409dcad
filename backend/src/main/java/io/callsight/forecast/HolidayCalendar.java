package io.callsight.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Public holidays of one country (ISO 3166 code, e.g. {@code US}) and optionally one region of it
 * (jollyday's sub-division code, e.g. {@code bc} for British Columbia): the calendars of the
 * maintained jollyday library (public and bank holidays, observed dates; observances left out),
 * plus the documented table {@code forecast/holidays-extra.csv} for countries jollyday does not
 * serve (e.g. Israel). {@link #NONE} knows no holiday. Immutable and thread-safe.
 */
public final class HolidayCalendar {

    /** The calendar without holidays. */
    public static final HolidayCalendar NONE = new HolidayCalendar("", "", false);

    private static final String EXTRA = "forecast/holidays-extra.csv";

    private final String country;
    private final String region;
    private final boolean fromLibrary;

    private HolidayCalendar(String country, String region, boolean fromLibrary) {
        this.country = country;
        this.region = region;
        this.fromLibrary = fromLibrary;
    }

    /**
     * The calendar of {@code country} (blank: {@link #NONE}) and {@code region} (blank or null: the
     * national holidays only).
     *
     * @throws IllegalArgumentException when neither jollyday nor the extra table knows the country
     */
    public static HolidayCalendar of(String country, String region) {
        String c = country == null ? "" : country.strip().toLowerCase(Locale.ROOT);
        String r = region == null ? "" : region.strip().toLowerCase(Locale.ROOT);
        if (c.isEmpty() || c.equals("none")) {
            return NONE;
        }
        Set<String> codes = HolidayManager.getSupportedCalendarCodes();
        boolean library = codes.stream().anyMatch(code -> code.equalsIgnoreCase(c));
        if (!library && extraRows(c).isEmpty()) {
            throw new IllegalArgumentException("no holiday calendar for country '" + country + "' (jollyday serves "
                    + codes.size() + " countries by ISO code, e.g. US, CA, GB, DE; " + EXTRA + " adds others)");
        }
        return new HolidayCalendar(c, r, library);
    }

    public String country() {
        return country.toUpperCase(Locale.ROOT);
    }

    public String region() {
        return region;
    }

    /** The holidays in [from, to], sorted. */
    public Set<LocalDate> holidays(LocalDate from, LocalDate to) {
        Set<LocalDate> out = new TreeSet<>();
        if (country.isEmpty() || to.isBefore(from)) {
            return out;
        }
        if (fromLibrary) {
            HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
            String[] args = region.isEmpty() ? new String[0] : new String[] {region};
            for (Holiday h : manager.getHolidays(from, to, args)) {
                if (h.getType() != HolidayType.OBSERVANCE) {
                    LocalDate d = h.getActualDate();
                    if (!d.isBefore(from) && !d.isAfter(to)) {
                        out.add(d);
                    }
                }
            }
        }
        for (String[] row : extraRows(country)) {
            LocalDate d = LocalDate.parse(row[2]);
            if ((row[1].isEmpty() || row[1].equals(region)) && !d.isBefore(from) && !d.isAfter(to)) {
                out.add(d);
            }
        }
        return out;
    }

    /** One flag per day from {@code first}, {@code days} days: true on a holiday. */
    public boolean[] mask(LocalDate first, int days) {
        boolean[] m = new boolean[days];
        if (days == 0) {
            return m;
        }
        for (LocalDate d : holidays(first, first.plusDays(days - 1L))) {
            m[(int) (d.toEpochDay() - first.toEpochDay())] = true;
        }
        return m;
    }

    /** Rows (country, region, date, name) of the extra table for one country (lower case). */
    private static List<String[]> extraRows(String country) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = HolidayCalendar.class.getClassLoader().getResourceAsStream(EXTRA)) {
            if (in == null) {
                return rows;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("country,")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                if (f.length >= 3 && f[0].strip().equalsIgnoreCase(country)) {
                    rows.add(new String[] {f[0].strip(), f[1].strip().toLowerCase(Locale.ROOT), f[2].strip(),
                            f.length > 3 ? f[3].strip() : ""});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    @Override
    public String toString() {
        return country.isEmpty() ? "none" : country() + (region.isEmpty() ? "" : "-" + region);
    }
}
