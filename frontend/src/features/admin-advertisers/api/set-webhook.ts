import { graphql } from '@/gql/gql'
import type { WebhookInput } from '@/gql/graphql'
import { execute } from '@/lib/graphql-client'

export const SetWebhookDocument = graphql(`
  mutation SetWebhook($advertiserId: String!, $webhook: WebhookInput!) {
    setWebhook(advertiserId: $advertiserId, webhook: $webhook) {
      webhook { url enabled deliveryStartHour deliveryEndHour dailyCap batchSize maxAgeHours secretHint }
      newSecret
    }
  }
`)

/** Saves the webhook; `newSecret` is set when the server generated a signing secret (the first time). */
export async function setWebhook(advertiserId: string, webhook: WebhookInput) {
  return (await execute(SetWebhookDocument, { advertiserId, webhook })).setWebhook
}
