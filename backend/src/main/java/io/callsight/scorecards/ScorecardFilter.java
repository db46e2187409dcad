package io.callsight.scorecards;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ScorecardFilter")
@Description("Calendar days; to is exclusive")
public record ScorecardFilter(LocalDate from, LocalDate to, List<String> teams, List<String> agentIds) {
}
