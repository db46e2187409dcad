import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const UsersDocument = graphql(`
  query Users {
    users { id username role advertiserId disabled lockedUntil lastLoginAt createdAt }
  }
`)

export function useUsers() {
  return useQuery(UsersDocument, {})
}
