import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const CallsDocument = graphql(`
  query Calls($filter: CallFilter, $first: Int, $after: String) {
    calls(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          callId leadId campaignId campaignName advertiserId agentId agentName callStatus leadStatus
          agentCallDuration customerCallDuration attemptNo dialTime connected fromNumber toNumber leadCreatedAt updatedAt hid ingestBatchId
          nextAttempt {
            action stopReason reason attemptsSoFar lastDialAt attempt at localHour localWeekday timeZone state
            expectedConnectRate connectLo80 connectHi80 expectedConversionRate
          }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

export function useCalls(filter: CallFilter, first: number, after: string | null) {
  return useQuery(CallsDocument, { filter, first, after })
}
