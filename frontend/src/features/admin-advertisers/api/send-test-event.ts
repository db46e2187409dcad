import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const SendTestEventDocument = graphql(`
  mutation SendTestEvent($advertiserId: String!) {
    sendTestEvent(advertiserId: $advertiserId) { id batchId attemptedAt httpStatus outcome error durationMs }
  }
`)

export async function sendTestEvent(advertiserId: string) {
  return (await execute(SendTestEventDocument, { advertiserId })).sendTestEvent
}
