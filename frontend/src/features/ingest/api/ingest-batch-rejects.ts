import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const IngestBatchRejectsDocument = graphql(`
  query IngestBatchRejects($id: ID!, $first: Int, $after: String) {
    ingestBatch(id: $id) {
      id fileName status rowsRead accepted rejected duplicates ignoredColumns error
      rejects(first: $first, after: $after) {
        totalCount
        edges { node { line callId field value reason rawRow } }
        pageInfo { endCursor hasNextPage }
      }
    }
  }
`)

export function useIngestBatchRejects(id: string | null) {
  return useQuery(IngestBatchRejectsDocument, { id: id ?? '', first: 1000, after: null }, { skip: !id })
}
