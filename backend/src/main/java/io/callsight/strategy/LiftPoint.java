package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LiftPoint")
@Description("The top share of each test week's dials ranked by the model against the same share in calling order "
        + "(dial time): events per dial of each, and their ratio")
public record LiftPoint(@NonNull double share, @NonNull double modelRate, @NonNull double callingOrderRate,
        Double lift) {
}
