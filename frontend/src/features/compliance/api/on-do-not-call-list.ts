import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const OnDoNotCallListDocument = graphql(`
  query OnDoNotCallList($number: String!) {
    onDoNotCallList(number: $number)
  }
`)

/** Whether one number is on the list: the only way to read it (it is stored as keyed hashes). */
export async function onDoNotCallList(number: string): Promise<boolean> {
  return (await execute(OnDoNotCallListDocument, { number })).onDoNotCallList
}
