import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { id revokedAt }
  }
`)

export async function revokeApiKey(id: string) {
  return (await execute(RevokeApiKeyDocument, { id })).revokeApiKey
}
