import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const ConnectHeatmapDocument = graphql(`
  query ConnectHeatmap($filter: CallFilter, $timeZone: String) {
    callMetrics(filter: $filter, groupBy: [DAY_OF_WEEK, HOUR_OF_DAY], timeZone: $timeZone, first: 1000) {
      edges { node { dayOfWeek hourOfDay totalCalls connectRate } }
    }
  }
`)

export function useConnectHeatmap(filter: CallFilter, timeZone: string) {
  return useQuery(ConnectHeatmapDocument, { filter, timeZone })
}
