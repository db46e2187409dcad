import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const OverviewKpisDocument = graphql(`
  query OverviewKpis($current: CallFilter, $previous: CallFilter, $withPrevious: Boolean!) {
    current: callMetrics(filter: $current) {
      edges { node { totalCalls connectRate leadsConverted qualifiedLeads conversionRate aht } }
    }
    previous: callMetrics(filter: $previous) @include(if: $withPrevious) {
      edges { node { totalCalls connectRate leadsConverted qualifiedLeads conversionRate aht } }
    }
  }
`)

export function useOverviewKpis(current: CallFilter, previous: CallFilter | null) {
  return useQuery(OverviewKpisDocument, { current, previous: previous ?? current, withPrevious: previous !== null })
}
