import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const IngestBatchesDocument = graphql(`
  query IngestBatches($first: Int, $after: String, $kind: String) {
    ingestBatches(first: $first, after: $after, kind: $kind) {
      edges { node { id kind fileName source status rowsRead accepted rejected duplicates startedAt finishedAt error sameFileAsBatchId timeZone } }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

/** The newest batches of one kind of data (calls, leads, service-metrics...), or of every kind. */
export function useIngestBatches(kind: string | null, options: { skip?: boolean } = {}) {
  return useQuery(IngestBatchesDocument, { first: 20, after: null, kind }, options)
}
