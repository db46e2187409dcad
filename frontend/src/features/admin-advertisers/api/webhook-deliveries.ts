import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($advertiserId: String!, $first: Int!, $after: String) {
    webhookDeliveries(advertiserId: $advertiserId, first: $first, after: $after) {
      edges { cursor node { id batchId attemptedAt leadCount seqs httpStatus outcome error durationMs } }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

export function useWebhookDeliveries(advertiserId: string, first: number, after: string | null) {
  return useQuery(WebhookDeliveriesDocument, { advertiserId, first, after })
}
