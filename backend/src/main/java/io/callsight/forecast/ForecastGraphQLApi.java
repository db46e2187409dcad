package io.callsight.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.BadInputException;
import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.Roles;

/** The forecasting engine on any daily series a partner sends (nothing is stored). */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
@Audited
public class ForecastGraphQLApi {

    /** Longest series accepted (about 30 years of days). */
    static final int MAX_POINTS = 11_000;

    @Inject
    ForecastQueryService forecasts;

    @Inject
    ForecastRefreshService refreshService;

    @Inject
    ForecastConfig config;

    @Query("forecast")
    @Description("The stored forecast of calls or conversions per day for the total, a campaign or an advertiser")
    public @NonNull Forecast forecast(@Name("series") @NonNull SeriesKind series, @Name("campaignId") String campaignId,
            @Name("advertiserId") String advertiserId, @Name("horizonDays") Integer horizonDays) {
        ForecastQueryService.StoredForecast f = forecasts.forecast(series, campaignId, advertiserId, horizonDays);
        return new Forecast(f.series(), f.scope(), f.scopeId(), f.model(), f.generatedAt(), f.asOf(), f.points(),
                f.actuals(), f.accuracy());
    }

    @Query("agentEfficiencyForecast")
    @Description("Each agent's expected calls per hour, success rate and AHT over the forecast period, pulled toward "
            + "the team's rates in proportion to how little history the agent has (see EfficiencyEstimate)")
    public @NonNull List<@NonNull AgentEfficiencyForecast> agentEfficiencyForecast(
            @Name("agentIds") List<String> agentIds) {
        return forecasts.agentEfficiency(agentIds);
    }

    @Query("forecastRuns")
    @Description("The newest forecast refresh runs: start, end, status, series refreshed, chosen models, error")
    public @NonNull List<@NonNull ForecastRun> forecastRuns(@Name("last") @DefaultValue("10") int last) {
        return forecasts.runs(last);
    }

    @Access(Roles.ADMIN)
    @Mutation("refreshForecasts")
    @Description("Refreshes every stored forecast now; when a refresh is already running (here or on another "
            + "instance) it starts none and returns that one")
    public @NonNull ForecastRun refreshForecasts() {
        ForecastRefreshService.RunOutcome outcome = refreshService.refresh("MANUAL");
        List<ForecastRun> runs = forecasts.runs(1);
        if (outcome.alreadyRunning() || outcome.runId() == null) {
            return runs.isEmpty() ? null : runs.get(0);
        }
        return forecasts.runs(50).stream().filter(r -> r.id() == outcome.runId()).findFirst().orElseThrow();
    }

    @Query("forecastSeries")
    @Description("Forecasts any daily series with the same engine as the stored forecasts (weekly season): model "
            + "chosen by a rolling-origin backtest against the seasonal naive, with conformal prediction intervals; "
            + "public holidays of holidayCountry/holidayRegion (default: the configured calendar) are effects")
    public @NonNull SeriesForecast forecastSeries(@Name("points") @NonNull List<@NonNull SeriesPointInput> points,
            @Name("horizonDays") @NonNull Integer horizonDays,
            @Name("holidayCountry") @Description("ISO country code of the holiday calendar (e.g. US, CA, GB, JP); NONE: "
                    + "no holidays; default: callsight.forecast.holidays.country") String holidayCountry,
            @Name("holidayRegion") @Description("Region of that country in the calendar's codes (e.g. ny, bc); "
                    + "default: national holidays only (or the configured region with the configured country)")
            String holidayRegion) {
        if (points.size() > MAX_POINTS) {
            throw new BadInputException("points may hold at most " + MAX_POINTS + " days (had " + points.size() + ")");
        }
        TreeMap<LocalDate, Double> byDate = new TreeMap<>();
        for (SeriesPointInput p : points) {
            if (p.date == null || p.value == null || !Double.isFinite(p.value)) {
                throw new BadInputException("every point needs a date and a finite value");
            }
            if (byDate.put(p.date, p.value) != null) {
                throw new BadInputException("date " + p.date + " appears more than once");
            }
        }
        if (byDate.isEmpty()) {
            throw new BadInputException("points is empty");
        }
        List<Double> series = new ArrayList<>();
        int filled = 0;
        LocalDate last = byDate.lastKey();
        for (LocalDate d = byDate.firstKey(); !d.isAfter(last); d = d.plusDays(1)) {
            Double v = byDate.get(d);
            if (v == null) {
                v = series.size() >= 7 ? series.get(series.size() - 7) : series.get(series.size() - 1);
                filled++;
            }
            series.add(v);
        }
        ForecastEngine.Result r;
        try {
            HolidayCalendar calendar = holidayCountry == null || holidayCountry.isBlank() ? config.holidayCalendar()
                    : HolidayCalendar.of(holidayCountry, holidayRegion);
            boolean[] holidays = horizonDays == null || horizonDays < 1 || horizonDays > 366 ? null
                    : calendar.mask(byDate.firstKey(), series.size() + horizonDays);
            r = new ForecastEngine(7).run(series.stream().mapToDouble(Double::doubleValue).toArray(), horizonDays,
                    holidays);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<ForecastPoint> out = new ArrayList<>();
        for (int h = 0; h < r.points().size(); h++) {
            ForecastEngine.Point p = r.points().get(h);
            out.add(new ForecastPoint(last.plusDays(h + 1L), p.value(), p.lo80(), p.hi80(), p.lo95(), p.hi95()));
        }
        ForecastEngine.Accuracy a = r.accuracy();
        return new SeriesForecast(r.model(), out, new ForecastAccuracy(finite(a.mase()), finite(a.smape()),
                finite(a.relativeMaeVsSeasonalNaive()), finite(a.coverage80()), finite(a.coverage95()), a.origins()),
                filled);
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
