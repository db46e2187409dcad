import { graphql } from '@/gql/gql'
import type { Role } from '@/gql/graphql'
import { execute } from '@/lib/graphql-client'

export const UpdateUserDocument = graphql(`
  mutation UpdateUser($id: ID!, $role: Role, $advertiserId: String, $disabled: Boolean) {
    updateUser(id: $id, role: $role, advertiserId: $advertiserId, disabled: $disabled) { id role advertiserId disabled }
  }
`)

export async function updateUser(id: string, change: { role?: Role | null; advertiserId?: string | null; disabled?: boolean | null }) {
  return (await execute(UpdateUserDocument, { id, ...change })).updateUser
}
