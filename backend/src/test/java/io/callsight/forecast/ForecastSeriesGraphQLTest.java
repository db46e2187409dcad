package io.callsight.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** forecastSeries end to end on the real 1999 daily arrivals, with a gap and bad input. */
@QuarkusTest
class ForecastSeriesGraphQLTest extends DatabaseTest {

    private static final String QUERY = """
            query($points: [SeriesPointInput!]!, $h: Int!) { forecastSeries(points: $points, horizonDays: $h) {
              model filledDays points { date value lo80 hi80 lo95 hi95 }
              accuracy { mase smape relativeMaeVsSeasonalNaive coverage80 coverage95 backtestOrigins } } }""";

    @Test
    void dailyArrivalsWithAGap() throws Exception {
        Path file = TestData.file("series", "anonymous-bank-1999-daily-arrivals.csv");
        List<Map<String, Object>> points = new ArrayList<>();
        for (String l : Files.readAllLines(file).subList(1, 366)) {
            String[] f = l.split(",");
            if (!f[0].equals("1999-06-15")) { // one day missing
                points.add(Map.of("date", f[0], "value", Double.parseDouble(f[3])));
            }
        }
        JsonPath json = GraphQL.query(QUERY, Map.of("points", points, "h", 30));
        assertThat(json.getInt("data.forecastSeries.filledDays")).isEqualTo(1);
        assertThat(json.getList("data.forecastSeries.points")).hasSize(30);
        assertThat(json.getString("data.forecastSeries.points[0].date")).isEqualTo("2000-01-01");
        assertThat(json.getDouble("data.forecastSeries.accuracy.relativeMaeVsSeasonalNaive")).isLessThan(1.0);
        assertThat(json.getDouble("data.forecastSeries.accuracy.coverage80")).isBetween(0.7, 0.9);
        assertThat(json.getString("data.forecastSeries.model")).isNotBlank();
    }

    @Test
    void badInputIsNamed() {
        JsonPath dup = GraphQL.failing(QUERY, Map.of("points", List.of(Map.of("date", "2024-01-01", "value", 1.0),
                Map.of("date", "2024-01-01", "value", 2.0)), "h", 30));
        assertThat(dup.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(dup.getString("errors[0].message")).contains("2024-01-01 appears more than once");
        JsonPath shortSeries = GraphQL.failing(QUERY, Map.of("points", List.of(Map.of("date", "2024-01-01", "value", 1.0)),
                "h", 30));
        assertThat(shortSeries.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(shortSeries.getString("errors[0].message")).contains("needs at least");
    }
}
