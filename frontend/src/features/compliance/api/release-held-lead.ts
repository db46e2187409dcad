import { graphql } from '@/gql/gql'
import { execute, invalidateQueries } from '@/lib/graphql-client'

export const ReleaseHeldLeadDocument = graphql(`
  mutation ReleaseHeldLead($seq: BigInteger!, $reason: String!) {
    releaseHeldLead(seq: $seq, reason: $reason) { seq releasedAt }
  }
`)

/** Releases a held lead: its advertiser gets it from now on. */
export async function releaseHeldLead(seq: number, reason: string) {
  const data = await execute(ReleaseHeldLeadDocument, { seq, reason })
  void invalidateQueries('HeldLeads', 'VerifiedLeads', 'FeedStatus')
  return data.releaseHeldLead
}
