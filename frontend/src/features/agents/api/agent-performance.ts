import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const AgentPerformanceDocument = graphql(`
  query AgentPerformance($filter: CallFilter) {
    agentPerformance(filter: $filter) {
      agentId agentName team callsMade callsConnected leadsConverted avgAgentCallDuration avgCustomerCallDuration callsPerHour successRate aht leadsReturned returnRate
    }
  }
`)

export function useAgentPerformance(filter: CallFilter) {
  return useQuery(AgentPerformanceDocument, { filter })
}
