package io.callsight.forecast;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SeriesPointInput")
public class SeriesPointInput {
    @NonNull
    public LocalDate date;
    @NonNull
    public Double value;
}
