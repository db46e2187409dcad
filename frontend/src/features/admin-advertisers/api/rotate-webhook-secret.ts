import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const RotateWebhookSecretDocument = graphql(`
  mutation RotateWebhookSecret($advertiserId: String!) {
    rotateWebhookSecret(advertiserId: $advertiserId)
  }
`)

/** A new signing secret; the old one stops working. The answer is the only time it is shown. */
export async function rotateWebhookSecret(advertiserId: string) {
  return (await execute(RotateWebhookSecretDocument, { advertiserId })).rotateWebhookSecret
}
