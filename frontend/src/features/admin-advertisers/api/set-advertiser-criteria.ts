import { graphql } from '@/gql/gql'
import type { AdvertiserCriteriaInput } from '@/gql/graphql'
import { execute, invalidateReports } from '@/lib/graphql-client'

export const SetAdvertiserCriteriaDocument = graphql(`
  mutation SetAdvertiserCriteria($advertiserId: String!, $criteria: AdvertiserCriteriaInput) {
    setAdvertiserCriteria(advertiserId: $advertiserId, criteria: $criteria) { advertiserId criteria { maxAttemptNo maxLeadAgeHours minCustomerTalkSeconds } }
  }
`)

/** Qualified-lead counts in every report change with the criteria. */
export async function setAdvertiserCriteria(advertiserId: string, criteria: AdvertiserCriteriaInput) {
  const data = await execute(SetAdvertiserCriteriaDocument, { advertiserId, criteria })
  void invalidateReports()
  return data.setAdvertiserCriteria
}
