package io.callsight.scorecards;

import org.eclipse.microprofile.graphql.Type;

@Type("ScorecardWeight")
public record ScorecardWeight(String kpi, double weight) {
}
