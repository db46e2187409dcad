package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CalibrationBin")
@Description("Test dials in ten equal bins by predicted probability: the mean prediction against the observed rate")
public record CalibrationBin(@NonNull int bin, @NonNull double predicted, @NonNull double observed,
        @NonNull long dials) {
}
