import { graphql } from '@/gql/gql'
import { execute, invalidateQueries } from '@/lib/graphql-client'

export const RemoveDoNotCallDocument = graphql(`
  mutation RemoveDoNotCall($numbers: [String!]!) {
    removeDoNotCall(numbers: $numbers) { rowsRead removed invalid { line value reason } }
  }
`)

/** Takes numbers off the do-not-call list (audited); `invalid.line` is the position in `numbers`, from 1. */
export async function removeDoNotCall(numbers: string[]) {
  const data = await execute(RemoveDoNotCallDocument, { numbers })
  if (data.removeDoNotCall.removed > 0) void invalidateQueries('ComplianceReport', 'HeldLeads')
  return data.removeDoNotCall
}
