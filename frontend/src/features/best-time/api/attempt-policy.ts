import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AttemptPolicyDocument = graphql(`
  query AttemptPolicy($campaignId: String, $minConversionsPerDial: Float) {
    attemptPolicy(campaignId: $campaignId, minConversionsPerDial: $minConversionsPerDial) {
      campaignId thresholdSource minConversionsPerDial agentMinuteCost conversionValue stopAfterAttempt
      savedDials savedAgentHours lostConversions keptConversions totalDials
      attempts {
        attempt dials connects conversions agentHours expectedConnectsPerDial expectedConversionsPerDial
        conversionsLo80 conversionsHi80 thresholdConversionsPerDial withinPolicy
      }
    }
  }
`)

export function useAttemptPolicy(campaignId: string | null, minConversionsPerDial: number | null) {
  return useQuery(AttemptPolicyDocument, { campaignId, minConversionsPerDial })
}
