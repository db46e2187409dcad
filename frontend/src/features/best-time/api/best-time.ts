import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const BestTimeDocument = graphql(`
  query BestTime($campaignId: String, $state: String, $attempt: Int) {
    bestTimeToCall(campaignId: $campaignId, state: $state, attempt: $attempt) {
      hour rank expectedConnectsPerDial connectLo80 connectHi80 expectedConversionsPerDial dials connects observedConnectRate
    }
    bestTimeHeatmap(campaignId: $campaignId, state: $state, attempt: $attempt) {
      hour weekday expectedConnectsPerDial connectLo80 connectHi80 dials connects
    }
    contactModel { runId createdAt historyTo dials dialsUnlocated states }
  }
`)

export interface BestTimeArgs {
  campaignId: string | null
  state: string | null
  attempt: number | null
}

export function useBestTime(args: BestTimeArgs) {
  return useQuery(BestTimeDocument, args)
}
