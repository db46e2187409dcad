import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const CreateAdvertiserApiKeyDocument = graphql(`
  mutation CreateAdvertiserApiKey($name: String!, $advertiserId: String!) {
    createApiKey(name: $name, role: ADVERTISER, advertiserId: $advertiserId) {
      key
      apiKey { id name prefix }
    }
  }
`)

/** A key that reads this advertiser's feed only; the answer holds the key, shown this once. */
export async function createAdvertiserApiKey(name: string, advertiserId: string) {
  return (await execute(CreateAdvertiserApiKeyDocument, { name, advertiserId })).createApiKey
}
