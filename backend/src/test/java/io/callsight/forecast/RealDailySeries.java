package io.callsight.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.callsight.testing.TestData;

/**
 * Every real daily call or contact-volume series in testdata/ (see testdata/README.md), read as
 * the forecast sees a series: one value per day (per weekday for a weekday-only centre), oldest
 * first, a missing day filled with the same weekday a season earlier (as {@code forecastSeries}
 * does), with the holiday calendar of the place it was recorded.
 */
record RealDailySeries(String name, List<LocalDate> dates, double[] values, int period, HolidayCalendar calendar) {

    /** One holiday flag per day of the series. */
    boolean[] holidays() {
        var set = calendar.holidays(dates.get(0), dates.get(dates.size() - 1));
        boolean[] m = new boolean[dates.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = set.contains(dates.get(i));
        }
        return m;
    }

    static List<RealDailySeries> all() {
        return List.of(anonymousBank(), usBank(), vancouver311(), torontoCentralIntake(), tokyoCallCenter(),
                niigataCallCenter());
    }

    /** Israeli bank 1999, every day; Israel's holidays from the documented table. */
    static RealDailySeries anonymousBank() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("series", "anonymous-bank-1999-daily-arrivals.csv"), 1)) {
            String[] f = l.split(",");
            m.put(LocalDate.parse(f[0]), Double.parseDouble(f[3]));
        }
        return daily("anonymous-bank-1999 (IL)", m, HolidayCalendar.of("IL", null));
    }

    /** US bank 2003: 5-minute counts summed per day; weekdays only (period 5). */
    static RealDailySeries usBank() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("series", "us-bank-2003-5min-handled.csv"), 1)) {
            String[] f = l.split(",");
            m.merge(LocalDate.parse(f[0]), Double.parseDouble(f[3]), Double::sum);
        }
        List<LocalDate> dates = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        LocalDate last = ((TreeMap<LocalDate, Double>) m).lastKey();
        for (LocalDate d = ((TreeMap<LocalDate, Double>) m).firstKey(); !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            Double v = m.get(d);
            values.add(v != null ? v : values.get(values.size() - 5));
            dates.add(d);
        }
        return new RealDailySeries("us-bank-2003 weekdays (US)", dates,
                values.stream().mapToDouble(Double::doubleValue).toArray(), 5, HolidayCalendar.of("US", null));
    }

    /** Vancouver 3-1-1, calls offered per day (newest first, ';', BOM in the file). */
    static RealDailySeries vancouver311() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("service-metrics", "vancouver-311-2019-2020.csv"), 1)) {
            String[] f = l.split(";");
            m.put(LocalDate.parse(f[0].strip()), Double.parseDouble(f[1]));
        }
        return daily("vancouver-311-2019-2020 (CA-bc)", m, HolidayCalendar.of("CA", "bc"));
    }

    /** Toronto shelter Central Intake line, total calls handled per day. */
    static RealDailySeries torontoCentralIntake() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("service-metrics", "toronto-central-intake-calls-2020-2024.csv"), 1)) {
            String[] f = l.split(",");
            m.put(LocalDate.parse(f[1]), Double.parseDouble(f[2]));
        }
        return daily("toronto-central-intake-2020-2024 (CA-on)", m, HolidayCalendar.of("CA", "on"));
    }

    /** Tokyo's COVID-19 call centre, consultations per day (BOM; date in column 4, count in 6). */
    static RealDailySeries tokyoCallCenter() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("series", "tokyo-covid19-call-center-2020-2021.csv"), 1)) {
            String[] f = l.split(",", -1);
            m.put(LocalDate.parse(f[3]), Double.parseDouble(f[5]));
        }
        return daily("tokyo-covid19-call-center-2020-2021 (JP)", m, HolidayCalendar.of("JP", null));
    }

    /** Niigata's COVID-19 call centre, consultations per day (23 days missing). */
    static RealDailySeries niigataCallCenter() {
        Map<LocalDate, Double> m = new TreeMap<>();
        for (String l : lines(TestData.file("series", "niigata-covid19-call-center-2020-2021.csv"), 1)) {
            String[] f = l.split(",", -1);
            m.put(LocalDate.parse(f[0]), Double.parseDouble(f[4]));
        }
        return daily("niigata-covid19-call-center-2020-2021 (JP)", m, HolidayCalendar.of("JP", null));
    }

    private static RealDailySeries daily(String name, Map<LocalDate, Double> m, HolidayCalendar calendar) {
        TreeMap<LocalDate, Double> byDate = new TreeMap<>(m);
        List<LocalDate> dates = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (LocalDate d = byDate.firstKey(); !d.isAfter(byDate.lastKey()); d = d.plusDays(1)) {
            Double v = byDate.get(d);
            values.add(v != null ? v : values.get(Math.max(0, values.size() - 7)));
            dates.add(d);
        }
        return new RealDailySeries(name, dates, values.stream().mapToDouble(Double::doubleValue).toArray(), 7,
                calendar);
    }

    /** The lines after {@code skip} header lines, BOM and blank lines dropped. */
    private static List<String> lines(Path p, int skip) {
        try {
            List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (int i = skip; i < all.size(); i++) {
                String l = all.get(i).replace("\uFEFF", "").strip();
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
