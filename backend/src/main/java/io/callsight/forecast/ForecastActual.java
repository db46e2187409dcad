package io.callsight.forecast;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Type;

/** An observed day. */
@Type("ForecastActual")
public record ForecastActual(LocalDate date, double value) {
}
