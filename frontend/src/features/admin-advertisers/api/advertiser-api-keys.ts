import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AdvertiserApiKeysDocument = graphql(`
  query AdvertiserApiKeys {
    apiKeys { id name prefix role advertiserId createdAt lastUsedAt revokedAt }
  }
`)

/** Every key (the API has no per-advertiser filter); the page keeps the advertiser's. */
export function useAdvertiserApiKeys() {
  return useQuery(AdvertiserApiKeysDocument, {})
}
