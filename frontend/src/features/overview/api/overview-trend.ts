import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const OverviewTrendDocument = graphql(`
  query OverviewTrend($filter: CallFilter, $timeZone: String, $bucket: TimeBucket) {
    callMetrics(filter: $filter, bucket: $bucket, timeZone: $timeZone, orderBy: [{ key: BUCKET, direction: ASC }], first: 1000) {
      edges { node { bucketStart totalCalls leadsConverted } }
    }
  }
`)

export function useOverviewTrend(filter: CallFilter, timeZone: string, bucket: 'DAY' | 'WEEK' | 'MONTH') {
  return useQuery(OverviewTrendDocument, { filter, timeZone, bucket })
}
