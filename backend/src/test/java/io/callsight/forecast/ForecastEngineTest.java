package io.callsight.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.callsight.testing.TestData;

/** Model choice, accuracy and interval coverage on synthetic and real call-centre series. */
class ForecastEngineTest {

    private static Path series(String file) {
        return TestData.file("series", file);
    }

    @Test
    void trendAndWeeklySeasonAreLearnt() {
        double[] season = {20, 10, 0, -5, -10, -30, 15};
        Random rnd = new Random(7);
        double[] y = new double[300];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + 0.5 * t + season[t % 7] + rnd.nextGaussian() * 2;
        }
        ForecastEngine.Result r = new ForecastEngine(7).run(y, 30);
        assertThat(r.model()).isIn("HOLT_WINTERS_ADDITIVE", "TREND_SEASONAL_REGRESSION");
        // the naive repeats last week and misses 30 days of trend (15 calls a day at the end)
        assertThat(r.accuracy().relativeMaeVsSeasonalNaive()).isLessThan(0.5);
        assertThat(r.points()).hasSize(30);
        // day 300 + h continues the line: 100 + 0.5 * 300 = 250 plus its season
        assertThat(r.points().get(0).value()).isBetween(250 + season[300 % 7] - 10, 250 + season[300 % 7] + 10);
        for (ForecastEngine.Point p : r.points()) {
            assertThat(p.lo95()).isLessThanOrEqualTo(p.lo80());
            assertThat(p.lo80()).isLessThanOrEqualTo(p.value() + 1e-9);
            assertThat(p.hi80()).isGreaterThanOrEqualTo(p.value() - 1e-9);
            assertThat(p.hi95()).isGreaterThanOrEqualTo(p.hi80());
        }
    }

    @Test
    void anonymousBank1999DailyArrivals() throws IOException {
        List<String> lines = Files.readAllLines(series("anonymous-bank-1999-daily-arrivals.csv"));
        double[] y = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[3])).toArray();
        assertThat(y).hasSize(365);
        ForecastEngine.Result r = new ForecastEngine(7).run(y, 30);
        assertThat(r.accuracy().relativeMaeVsSeasonalNaive()).as("chosen %s beats seasonal naive", r.model())
                .isLessThan(1.0);
        assertThat(r.accuracy().coverage80()).as("80%% interval coverage of backtest actuals").isBetween(0.70, 0.90);
        assertThat(r.accuracy().coverage95()).isGreaterThan(r.accuracy().coverage80());
        assertThat(r.points()).allSatisfy(p -> assertThat(p.value()).isFinite().isNotNegative());
    }

    @Test
    void usBank2003WeekdaysWithGaps() throws IOException {
        // 5-minute counts summed per day; weekdays only (period 5); 6 weekdays are missing and are
        // filled with the same weekday of the week before, so the weekly rhythm stays aligned
        Map<LocalDate, Double> daily = new TreeMap<>();
        for (String l : Files.readAllLines(series("us-bank-2003-5min-handled.csv")).subList(1, 27717)) {
            String[] f = l.split(",");
            daily.merge(LocalDate.parse(f[0]), Double.parseDouble(f[3]), Double::sum);
        }
        List<Double> series = new ArrayList<>();
        LocalDate first = daily.keySet().iterator().next();
        LocalDate last = ((TreeMap<LocalDate, Double>) daily).lastKey();
        int filled = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            Double v = daily.get(d);
            if (v == null) {
                v = series.get(series.size() - 5);
                filled++;
            }
            series.add(v);
        }
        assertThat(filled).isEqualTo(6);
        double[] y = series.stream().mapToDouble(Double::doubleValue).toArray();
        ForecastEngine.Result r = new ForecastEngine(5).run(y, 30);
        assertThat(r.accuracy().relativeMaeVsSeasonalNaive()).as("chosen %s beats seasonal naive", r.model())
                .isLessThan(1.0);
        assertThat(r.accuracy().coverage80()).isBetween(0.70, 0.90);
    }

    @Test
    void holidaysAndClosuresDoNotBreakIt() {
        double[] y = new double[200];
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 7 == 5 ? 0 : 500 + 50 * Math.sin(t / 10.0); // closed every sixth day
        }
        y[120] = 0; // a holiday
        y[121] = 0;
        ForecastEngine.Result r = new ForecastEngine(7).run(y, 30);
        assertThat(r.candidates()).extracting(ForecastEngine.Accuracy::model)
                .doesNotContain("HOLT_WINTERS_MULTIPLICATIVE"); // undefined with zero days
        assertThat(r.points()).allSatisfy(p -> {
            assertThat(p.value()).isFinite().isBetween(0.0, 2000.0);
            assertThat(p.lo95()).isNotNegative();
        });
    }

    @Test
    void aLevelShiftIsFollowed() {
        double[] y = new double[220];
        for (int t = 0; t < y.length; t++) {
            y[t] = (t < 150 ? 100 : 300) + (t % 7 == 6 ? -40 : 0);
        }
        ForecastEngine.Result r = new ForecastEngine(7).run(y, 14);
        assertThat(r.points().get(0).value()).isBetween(250.0, 350.0);
    }

    @Test
    void invalidSeries() {
        ForecastEngine engine = new ForecastEngine(7);
        assertThatThrownBy(() -> engine.run(new double[10], 30)).hasMessageContaining("needs at least 14 points")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.run(new double[30], 30)).hasMessageContaining("too short to backtest");
        assertThatThrownBy(() -> engine.run(new double[100], 0)).hasMessageContaining("horizon must be between");
        double[] nan = new double[100];
        nan[3] = Double.NaN;
        assertThatThrownBy(() -> engine.run(nan, 30)).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> new ForecastEngine(0)).hasMessageContaining("period must be 1 or more");
    }
}
