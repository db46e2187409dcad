import { graphql } from '@/gql/gql'
import { execute, invalidateQueries, REPORT_QUERIES } from '@/lib/graphql-client'

export const ReturnLeadDocument = graphql(`
  mutation ReturnLead($seq: BigInteger!, $reason: String!) {
    returnLead(seq: $seq, reason: $reason) { seq returnedAt returnReason }
  }
`)

/** Returns a lead within its return window; every cached report may count it differently afterwards. */
export async function returnLead(seq: number, reason: string) {
  const data = await execute(ReturnLeadDocument, { seq, reason })
  void invalidateQueries(...REPORT_QUERIES, 'FeedStatus', 'WebhookDeliveries')
  return data.returnLead
}
