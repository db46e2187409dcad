import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const CampaignPerformanceDocument = graphql(`
  query CampaignPerformance($filter: CallFilter) {
    campaignPerformance(filter: $filter) {
      campaignId campaignName advertiserId totalCalls uniqueLeads callsConnected uniqueCallsConnected
      leadsConverted qualifiedLeads leadsLost avgAgentCallDuration avgCustomerCallDuration connectRate conversionRate
      leadsReturned returnRate
    }
  }
`)

export function useCampaignPerformance(filter: CallFilter) {
  return useQuery(CampaignPerformanceDocument, { filter })
}
