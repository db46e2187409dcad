import { graphql } from '@/gql/gql'
import type { Role } from '@/gql/graphql'
import { execute } from '@/lib/graphql-client'

export const CreateUserDocument = graphql(`
  mutation CreateUser($username: String!, $password: String!, $role: Role!, $advertiserId: String) {
    createUser(username: $username, password: $password, role: $role, advertiserId: $advertiserId) { id username role advertiserId }
  }
`)

export async function createUser(username: string, password: string, role: Role, advertiserId: string | null) {
  return (await execute(CreateUserDocument, { username, password, role, advertiserId })).createUser
}
