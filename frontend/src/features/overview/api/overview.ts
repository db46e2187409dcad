import { graphql } from '@/gql/gql'
import type { CallFilter, TimeBucket } from '@/gql/graphql'
import { LIVE_REFRESH_MS, useQuery } from '@/lib/graphql-client'

/** Everything the Overview shows, in one request: the KPI tiles (and the period before), the trend and the heatmap. */
export const OverviewDocument = graphql(`
  query Overview($current: CallFilter, $previous: CallFilter, $withPrevious: Boolean!, $timeZone: String, $bucket: TimeBucket) {
    current: callMetrics(filter: $current) {
      edges { node { totalCalls connectRate leadsConverted qualifiedLeads conversionRate aht } }
    }
    previous: callMetrics(filter: $previous) @include(if: $withPrevious) {
      edges { node { totalCalls connectRate leadsConverted qualifiedLeads conversionRate aht } }
    }
    trend: callMetrics(filter: $current, bucket: $bucket, timeZone: $timeZone, orderBy: [{ key: BUCKET, direction: ASC }], first: 1000) {
      edges { node { bucketStart totalCalls leadsConverted } }
    }
    heatmap: callMetrics(filter: $current, groupBy: [DAY_OF_WEEK, HOUR_OF_DAY], timeZone: $timeZone, first: 1000) {
      edges { node { dayOfWeek hourOfDay totalCalls connectRate } }
    }
  }
`)

export function useOverview(current: CallFilter, previous: CallFilter | null, timeZone: string, bucket: TimeBucket) {
  // Today's calls keep coming: a page left open on a second monitor stays current.
  return useQuery(
    OverviewDocument,
    { current, previous: previous ?? current, withPrevious: previous !== null, timeZone, bucket },
    { refetchInterval: LIVE_REFRESH_MS },
  )
}
