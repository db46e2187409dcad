import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const CampaignAgentsDocument = graphql(`
  query CampaignAgents($filter: CallFilter) {
    agentPerformance(filter: $filter) {
      agentId agentName team callsMade callsConnected leadsConverted avgAgentCallDuration avgCustomerCallDuration callsPerHour successRate aht
    }
    campaigns { campaignId name advertiserId }
  }
`)

/** The agents who called for one campaign, within the global filters. */
export function useCampaignAgents(filter: CallFilter) {
  return useQuery(CampaignAgentsDocument, { filter })
}
