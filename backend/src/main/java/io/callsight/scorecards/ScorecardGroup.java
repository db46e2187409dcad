package io.callsight.scorecards;

import org.eclipse.microprofile.graphql.Name;

@Name("ScorecardGroup")
public enum ScorecardGroup {
    AGENT, TEAM, OVERALL
}
