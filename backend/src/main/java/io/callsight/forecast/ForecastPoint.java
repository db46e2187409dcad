package io.callsight.forecast;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ForecastPoint")
@Description("A forecast day with its 80% and 95% prediction intervals (from backtest errors by horizon)")
public record ForecastPoint(LocalDate date, double value, double lo80, double hi80, double lo95, double hi95) {
}
