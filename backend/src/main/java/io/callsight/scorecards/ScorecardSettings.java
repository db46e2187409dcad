package io.callsight.scorecards;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

@Type("ScorecardSettings")
public record ScorecardSettings(List<ScorecardWeight> weights, List<ScorecardTier> tiers, double targetAhtSeconds,
        double targetAcwSeconds) {
}
