package io.callsight.strategy;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ModelValidationResult")
@Description("Out-of-sample results of one outcome (CONNECT: a dial connects; CONVERSION: a dial converts)")
public record ModelValidationResult(@NonNull String outcome, @NonNull int testWeeks, @NonNull long testDials,
        @NonNull double brier, @NonNull @Description("Brier score of the training period's overall rate")
        double baselineBrier, @Description("1 - brier / baselineBrier") Double skill,
        @NonNull List<@NonNull CalibrationBin> calibration, @NonNull List<@NonNull LiftPoint> lift) {
}
