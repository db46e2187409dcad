import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const VerifiedLeadsDocument = graphql(`
  query VerifiedLeads($advertiserId: String, $first: Int!, $after: String) {
    verifiedLeads(advertiserId: $advertiserId, first: $first, after: $after, newestFirst: true) {
      edges {
        cursor
        node {
          seq leadId advertiserId campaignId campaignName verifiedAt callId agentId agentName talkSeconds attempt phone
          deliveryStatus deliveredAt returnedAt returnReason returnableUntil
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

/** An advertiser's verified leads, newest first; an ADVERTISER's own when advertiserId is null. */
export function useVerifiedLeads(advertiserId: string | null, first: number, after: string | null, options: { skip?: boolean } = {}) {
  return useQuery(VerifiedLeadsDocument, { advertiserId, first, after }, options)
}
