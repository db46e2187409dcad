import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const CrmSnapshotHistoryDocument = graphql(`
  query CrmSnapshotHistory {
    crmSnapshots { id source reportDate reportDateFrom fileName receivedAt rowsRead rowsLoaded errors warnings }
  }
`)

/** Every CRM report snapshot loaded (oldest report date first). */
export function useCrmSnapshotHistory(options: { skip?: boolean } = {}) {
  return useQuery(CrmSnapshotHistoryDocument, {}, options)
}
