package io.callsight.forecast;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ForecastAccuracy")
@Description("The chosen model's rolling-origin backtest at the asked horizon: MASE (below 1 beats the in-sample "
        + "seasonal naive), sMAPE (%), MAE relative to the weekly seasonal naive, and the share of backtest actuals "
        + "inside the 80% and 95% intervals (each origin judged by intervals from the other origins)")
public record ForecastAccuracy(Double mase, Double smape, Double relativeMaeVsSeasonalNaive, Double coverage80,
        Double coverage95, int backtestOrigins) {
}
