import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const BestTimeDocument = graphql(`
  query BestTime($campaignId: String, $state: String, $attempt: Int) {
    bestTimeToCall(campaignId: $campaignId, state: $state, attempt: $attempt) {
      hour rank expectedConnectsPerDial connectLo80 connectHi80 expectedConversionsPerDial dials connects observedConnectRate withinCallingHours
    }
    bestTimeHeatmap(campaignId: $campaignId, state: $state, attempt: $attempt) {
      hour weekday expectedConnectsPerDial connectLo80 connectHi80 dials connects withinCallingHours
    }
    contactModel {
      runId createdAt historyTo dials dialsUnlocated states
      validation {
        outcome testWeeks testDials brier baselineBrier skill
        calibration { bin predicted observed dials }
        lift { share modelRate callingOrderRate lift }
      }
    }
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
