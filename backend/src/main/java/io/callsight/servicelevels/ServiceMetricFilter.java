package io.callsight.servicelevels;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ServiceMetricFilter")
@Description("Calendar days; to is exclusive")
public record ServiceMetricFilter(LocalDate from, LocalDate to) {
}
