import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AdvertiserSettingsDocument = graphql(`
  query AdvertiserSettings($advertiserId: String!) {
    advertiserSettings(advertiserId: $advertiserId) {
      advertiserId timeZone returnWindowDays
      webhook { url enabled deliveryStartHour deliveryEndHour dailyCap batchSize maxAgeHours secretHint }
    }
  }
`)

export function useAdvertiserSettings(advertiserId: string) {
  return useQuery(AdvertiserSettingsDocument, { advertiserId })
}
