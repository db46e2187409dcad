import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const IngestBatchesDocument = graphql(`
  query IngestBatches($first: Int, $after: String) {
    ingestBatches(first: $first, after: $after) {
      edges { node { id fileName source status rowsRead accepted rejected duplicates startedAt finishedAt error sameFileAsBatchId timeZone } }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

export function useIngestBatches() {
  return useQuery(IngestBatchesDocument, { first: 20, after: null })
}
