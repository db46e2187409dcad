import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const RedeliverBatchDocument = graphql(`
  mutation RedeliverBatch($batchId: String!) {
    redeliverBatch(batchId: $batchId)
  }
`)

/** Queues the batch's leads for delivery again; resolves with how many were queued. */
export async function redeliverBatch(batchId: string) {
  return (await execute(RedeliverBatchDocument, { batchId })).redeliverBatch
}
