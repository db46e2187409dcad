import { graphql } from '@/gql/gql'
import type { LeadQualityDimension, LeadQualityFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const LeadQualityFunnelDocument = graphql(`
  query LeadQualityFunnel($filter: LeadQualityFilter, $groupBy: [LeadQualityDimension], $trendFilter: LeadQualityFilter) {
    total: leadQualityFunnel(filter: $filter) {
      deliveredLeads matchedLeads appointmentsSet demos sales conversionRate demoRate saleRate unmatchedReportLeads
    }
    breakdown: leadQualityFunnel(filter: $filter, groupBy: $groupBy) {
      state city entryMonth jobStatus dispo campaignId campaignName advertiserId advertiserName agentId agentName
      deliveredLeads matchedLeads appointmentsSet demos sales conversionRate demoRate saleRate unmatchedReportLeads
    }
    trend: leadQualityFunnel(filter: $trendFilter, groupBy: [SNAPSHOT_DATE]) {
      snapshotDate deliveredLeads appointmentsSet demos sales
    }
    crmSnapshots { source reportDate }
  }
`)

export function useLeadQualityFunnel(filter: LeadQualityFilter, groupBy: LeadQualityDimension) {
  const trendFilter = { ...filter, asOf: null }
  return useQuery(LeadQualityFunnelDocument, { filter, groupBy: [groupBy], trendFilter })
}
