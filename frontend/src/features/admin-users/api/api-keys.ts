import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const ApiKeysDocument = graphql(`
  query ApiKeys {
    apiKeys { id name prefix role advertiserId createdBy createdAt lastUsedAt revokedAt }
  }
`)

export function useApiKeys() {
  return useQuery(ApiKeysDocument, {})
}
