package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("LeadQualityFilter")
@Description("Which report leads count. Dates are calendar days; entryTo is exclusive.")
public record LeadQualityFilter(
        @Description("CRM source; default: default") String source,
        @Description("The funnel as of the latest snapshot on or before this day; default: the latest") LocalDate asOf,
        @Description("Entry date from (inclusive)") LocalDate entryFrom,
        @Description("Entry date to (exclusive)") LocalDate entryTo,
        List<String> states,
        @Description("Matched ignoring case and surrounding spaces") List<String> cities) {
}
