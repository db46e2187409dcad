import { graphql } from '@/gql/gql'
import type { FeedActivitySubscription } from '@/gql/graphql'
import { useSubscription } from '@/lib/use-subscription'

export const FeedActivityDocument = graphql(`
  subscription FeedActivity($advertiserId: String!) {
    feedActivity(advertiserId: $advertiserId) {
      advertiserId seq leadId callId campaignId verifiedAt status attempts deliveredAt lastHttpStatus changedAt
    }
  }
`)

export type FeedActivity = FeedActivitySubscription['feedActivity']

/** One push per lead entering the advertiser's feed or changing delivery status; none when advertiserId is null. */
export function useFeedActivity(advertiserId: string | null, onActivity: (activity: FeedActivity) => void) {
  return useSubscription(FeedActivityDocument, { advertiserId: advertiserId ?? '' }, { skip: !advertiserId, onData: (data) => onActivity(data.feedActivity) })
}
