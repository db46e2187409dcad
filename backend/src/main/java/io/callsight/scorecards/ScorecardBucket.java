package io.callsight.scorecards;

import org.eclipse.microprofile.graphql.Name;

@Name("ScorecardBucket")
public enum ScorecardBucket {
    DAY, WEEK, MONTH
}
