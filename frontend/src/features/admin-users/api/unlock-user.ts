import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const UnlockUserDocument = graphql(`
  mutation UnlockUser($id: ID!) {
    unlockUser(id: $id) { id lockedUntil }
  }
`)

export async function unlockUser(id: string) {
  return (await execute(UnlockUserDocument, { id })).unlockUser
}
