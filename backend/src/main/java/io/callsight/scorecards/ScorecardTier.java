package io.callsight.scorecards;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ScorecardTier")
public record ScorecardTier(String name, @Description("Lowest composite score of the tier") double minScore) {
}
