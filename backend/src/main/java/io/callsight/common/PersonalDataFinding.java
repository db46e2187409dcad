package io.callsight.common;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Personal data found in one column of an ingest ({@link PersonalData}). */
@Type("PersonalDataFinding")
@Description("Personal data found in a free-text or unknown column of an ingest; stored masked")
public record PersonalDataFinding(@NonNull @Description("The column as the file named it") String column,
        @NonNull @Description("EMAIL, PHONE or CARD (a Luhn-valid payment-card number)") String kind,
        @Description("How many values of this kind the column held") int count,
        @NonNull @Description("Up to 3 examples, masked") List<@NonNull String> examples) {
}
