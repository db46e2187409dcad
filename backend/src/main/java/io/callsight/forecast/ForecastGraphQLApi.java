package io.callsight.forecast;

import io.callsight.security.Access;
import io.callsight.security.Roles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.BadInputException;

/** The forecasting engine on any daily series a partner sends (nothing is stored). */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
@io.callsight.security.Audited
public class ForecastGraphQLApi {

    /** Longest series accepted (about 30 years of days). */
    static final int MAX_POINTS = 11_000;

    @Input("SeriesPointInput")
    public static class SeriesPointInput {
        @NonNull
        public LocalDate date;
        @NonNull
        public Double value;
    }

    @Type("ForecastPoint")
    @Description("A forecast day with its 80% and 95% prediction intervals (from backtest errors by horizon)")
    public record ForecastPoint(LocalDate date, double value, double lo80, double hi80, double lo95, double hi95) {
    }

    @Type("ForecastAccuracy")
    @Description("The chosen model's rolling-origin backtest at the asked horizon: MASE (below 1 beats the in-sample "
            + "seasonal naive), sMAPE (%), MAE relative to the weekly seasonal naive, and the share of backtest actuals "
            + "inside the 80% and 95% intervals (each origin judged by intervals from the other origins)")
    public record ForecastAccuracy(Double mase, Double smape, Double relativeMaeVsSeasonalNaive, Double coverage80,
            Double coverage95, int backtestOrigins) {
    }

    @Type("SeriesForecast")
    public record SeriesForecast(@Description("The model the backtest chose") String model,
            @NonNull List<@NonNull ForecastPoint> points, @NonNull ForecastAccuracy accuracy,
            @Description("Days missing between the first and last date, filled with the same weekday a week earlier")
            int filledDays) {
    }

    @jakarta.inject.Inject
    ForecastQueryService forecasts;

    @jakarta.inject.Inject
    ForecastRefreshService refreshService;

    @Type("Forecast")
    @Description("A materialized forecast: the next days with 80%/95% intervals, the recent actuals and the "
            + "model's measured accuracy")
    public record Forecast(SeriesKind series, @Description("TOTAL, CAMPAIGN or ADVERTISER") String scope,
            String scopeId, String model,
            @Description("When the refresh that made it finished") java.time.OffsetDateTime generatedAt,
            @Description("The newest call in the data it saw") java.time.OffsetDateTime asOf,
            @NonNull List<@NonNull ForecastPoint> points,
            @Description("The last 60 observed days") @NonNull List<ForecastQueryService.@NonNull Actual> actuals,
            @NonNull ForecastAccuracy accuracy) {
    }

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
    public @NonNull List<ForecastQueryService.@NonNull AgentForecast> agentEfficiencyForecast(
            @Name("agentIds") List<String> agentIds) {
        return forecasts.agentEfficiency(agentIds);
    }

    @Query("forecastRuns")
    @Description("The newest forecast refresh runs: start, end, status, series refreshed, chosen models, error")
    public @NonNull List<ForecastQueryService.@NonNull Run> forecastRuns(@Name("last") @DefaultValue("10") int last) {
        return forecasts.runs(last);
    }

    @Access(Roles.ADMIN)
    @org.eclipse.microprofile.graphql.Mutation("refreshForecasts")
    @Description("Refreshes every stored forecast now; when a refresh is already running (here or on another "
            + "instance) it starts none and returns that one")
    public @NonNull ForecastQueryService.Run refreshForecasts() {
        ForecastRefreshService.RunOutcome outcome = refreshService.refresh("MANUAL");
        List<ForecastQueryService.Run> runs = forecasts.runs(1);
        if (outcome.alreadyRunning() || outcome.runId() == null) {
            return runs.isEmpty() ? null : runs.get(0);
        }
        return forecasts.runs(50).stream().filter(r -> r.id() == outcome.runId()).findFirst().orElseThrow();
    }

    @Query("forecastSeries")
    @Description("Forecasts any daily series with the same engine as the stored forecasts (weekly season): model "
            + "chosen by a rolling-origin backtest against the seasonal naive, with prediction intervals")
    public @NonNull SeriesForecast forecastSeries(@Name("points") @NonNull List<@NonNull SeriesPointInput> points,
            @Name("horizonDays") @NonNull Integer horizonDays) {
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
            r = new ForecastEngine(7).run(series.stream().mapToDouble(Double::doubleValue).toArray(), horizonDays);
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
