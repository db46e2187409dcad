import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const AttemptFunnelDocument = graphql(`
  query AttemptFunnel($filter: CallFilter) {
    callMetrics(filter: $filter, groupBy: [ATTEMPT_NUMBER], orderBy: [{ key: ATTEMPT_NUMBER, direction: ASC }], first: 100) {
      edges { node { attemptNumber totalCalls callsConnected connectRate leadsConverted conversionRate } }
    }
  }
`)

export function useAttemptFunnel(filter: CallFilter) {
  return useQuery(AttemptFunnelDocument, { filter })
}
