import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const SetUserPasswordDocument = graphql(`
  mutation SetUserPassword($id: ID!, $password: String!) {
    setUserPassword(id: $id, password: $password) { id }
  }
`)

export async function setUserPassword(id: string, password: string) {
  return (await execute(SetUserPasswordDocument, { id, password })).setUserPassword
}
