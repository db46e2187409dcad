import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const HeldLeadsDocument = graphql(`
  query HeldLeads($released: Boolean, $first: Int) {
    heldLeads(released: $released, first: $first) {
      edges { node { seq leadId advertiserId campaignId callId verifiedAt phone reason heldAt releasedAt releasedBy releaseReason } }
      pageInfo { hasNextPage endCursor }
    }
  }
`)

export function useHeldLeads(released: boolean) {
  return useQuery(HeldLeadsDocument, { released, first: 200 })
}
