import { graphql } from '@/gql/gql'
import type { Role } from '@/gql/graphql'
import { execute } from '@/lib/graphql-client'

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($name: String!, $role: Role!, $advertiserId: String) {
    createApiKey(name: $name, role: $role, advertiserId: $advertiserId) {
      key
      apiKey { id name prefix role advertiserId }
    }
  }
`)

/** Creates a key; the answer holds the key itself, which the server never shows again. */
export async function createApiKey(name: string, role: Role, advertiserId: string | null) {
  return (await execute(CreateApiKeyDocument, { name, role, advertiserId })).createApiKey
}
