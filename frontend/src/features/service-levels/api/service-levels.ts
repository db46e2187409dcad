import { graphql } from '@/gql/gql'
import type { ServiceBucket } from '@/gql/graphql'
import { LIVE_REFRESH_MS, useQuery } from '@/lib/graphql-client'

export const ServiceQueuesDocument = graphql(`
  query ServiceQueues {
    serviceQueues { name answerWithinSeconds shortAbandonSeconds firstDay lastDay sources }
  }
`)

export const ServiceMetricsDocument = graphql(`
  query ServiceMetrics($queue: String, $bucket: ServiceBucket, $from: Date, $to: Date) {
    serviceMetrics(queue: $queue, bucket: $bucket, filter: { from: $from, to: $to }) {
      periodStart queue offered handled abandoned asaSeconds serviceLevel serviceLevelWithinSeconds handlingRate abandonRate
      ahtSeconds longestWaitSeconds rows inconsistentRows
    }
  }
`)

export const StaffingBacktestDocument = graphql(`
  query StaffingBacktest($queue: String!, $from: Date, $to: Date) {
    staffingBacktest(queue: $queue, from: $from, to: $to) {
      patienceSeconds answerWithinSeconds minCalls
      errors { model hours serviceLevelMae serviceLevelBias abandonRateMae }
      hours { hourStart arrivals agents ahtSeconds actualServiceLevel actualAbandonRate erlangCServiceLevel erlangAServiceLevel erlangAAbandonRate }
    }
  }
`)

export function useServiceQueues() {
  return useQuery(ServiceQueuesDocument, {}, { refetchInterval: LIVE_REFRESH_MS })
}

export function useServiceMetrics(queue: string | null, bucket: ServiceBucket, from: string | null, to: string | null) {
  // New metric files arrive during the day (the queue's feed or an upload): the table follows them.
  return useQuery(ServiceMetricsDocument, { queue, bucket, from, to }, { skip: !queue, refetchInterval: LIVE_REFRESH_MS })
}

export function useStaffingBacktest(queue: string | null, from: string | null, to: string | null, enabled: boolean) {
  return useQuery(StaffingBacktestDocument, { queue: queue ?? '', from, to }, { skip: !queue || !enabled })
}

export const ServiceMetricConflictsDocument = graphql(`
  query ServiceMetricConflicts($queue: String) {
    serviceMetricConflicts(queue: $queue) {
      queue granularity periodStart
      versions { metricId batchId line chosen offered handled abandoned asaSeconds serviceLevel transferredRate }
    }
  }
`)

export const ChooseServiceMetricDocument = graphql(`
  mutation ChooseServiceMetric($metricId: ID!) {
    chooseServiceMetric(metricId: $metricId) { periodStart }
  }
`)

export function useServiceMetricConflicts(queue: string | null) {
  return useQuery(ServiceMetricConflictsDocument, { queue }, { skip: !queue })
}
