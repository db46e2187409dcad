import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const FeedStatusDocument = graphql(`
  query FeedStatus($advertiserId: String!) {
    feedStatus(advertiserId: $advertiserId) { pending delivered rejected dead returned deliveredToday dailyCap oldestPendingAt }
  }
`)

export function useFeedStatus(advertiserId: string) {
  return useQuery(FeedStatusDocument, { advertiserId })
}
