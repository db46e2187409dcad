import { graphql } from '@/gql/gql'
import type { ScorecardFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const ScorecardsDocument = graphql(`
  query Scorecards($filter: ScorecardFilter) {
    agents: agentScorecards(filter: $filter, groupBy: AGENT) {
      agentId agentName team days adherence qualityScore csat fcr ahtSeconds acwSeconds outboundAhtSeconds compositeScore tier
    }
    teams: agentScorecards(filter: $filter, groupBy: TEAM) { team days compositeScore tier adherence qualityScore csat fcr ahtSeconds }
    trend: agentScorecards(filter: $filter, groupBy: OVERALL, bucket: WEEK) { periodStart compositeScore adherence qualityScore csat fcr }
    agentBottlenecks(filter: $filter) { agentId agentName team day metric value teamMedian robustZ reason }
    agentTiers { tiers { name minScore } weights { kpi weight } targetAhtSeconds targetAcwSeconds }
  }
`)

export function useScorecards(filter: ScorecardFilter) {
  return useQuery(ScorecardsDocument, { filter })
}
