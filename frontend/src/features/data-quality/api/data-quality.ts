import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const CrmSnapshotsDocument = graphql(`
  query CrmSnapshots {
    crmSnapshots { id source reportDate fileName rowsRead rowsLoaded sentinelRows unreadableValues unknownColumns errors warnings }
  }
`)

export const DataQualityReportDocument = graphql(`
  query DataQualityReport($snapshotId: ID!) {
    dataQualityReport(snapshotId: $snapshotId) { snapshotId source reportDate checks { name severity count description examples } }
  }
`)

export function useCrmSnapshots() {
  return useQuery(CrmSnapshotsDocument, {})
}

export function useDataQualityReport(snapshotId: string | null) {
  return useQuery(DataQualityReportDocument, { snapshotId: snapshotId ?? '' }, { skip: !snapshotId })
}
