import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AdminAdvertisersDocument = graphql(`
  query AdminAdvertisers {
    advertisers { advertiserId name criteria { maxAttemptNo maxLeadAgeHours minCustomerTalkSeconds } }
  }
`)

export function useAdminAdvertisers() {
  return useQuery(AdminAdvertisersDocument, {})
}
