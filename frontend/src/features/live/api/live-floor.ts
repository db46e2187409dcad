import { graphql } from '@/gql/gql'
import type { CallFilter, LiveFloorSubscription } from '@/gql/graphql'
import { useSubscription } from '@/lib/use-subscription'

export const LiveFloorDocument = graphql(`
  subscription LiveFloor($filter: CallFilter) {
    liveFloor(filter: $filter) {
      asOf
      day
      timeZone
      today { ...LiveMetricsFields }
      last15Minutes { ...LiveMetricsFields }
      campaigns {
        campaignId campaignName advertiserId
        today { ...LiveMetricsFields }
        last15Minutes { ...LiveMetricsFields }
      }
      sparkline { minute totalCalls callsConnected leadsConverted }
      agentsByState { state agents }
      agents { agentId agentName state since secondsInState campaignId reason callsToday conversionsToday pauseSecondsToday }
      latestLeads { callId leadId campaignId campaignName advertiserId agentId verifiedAt }
    }
  }

  fragment LiveMetricsFields on LiveMetrics {
    totalCalls uniqueLeads callsConnected leadsConverted qualifiedLeads connectRate conversionRate
  }
`)

/** The live floor for the chosen campaigns (all when none): pushed when it changes, at most once a second. */
export function useLiveFloor(campaignIds: string[], options: { onData?: (data: LiveFloorSubscription) => void } = {}) {
  const filter: CallFilter | null = campaignIds.length > 0 ? { campaignIds } : null
  return useSubscription(LiveFloorDocument, { filter }, options)
}
