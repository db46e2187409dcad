import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const ComplianceReportDocument = graphql(`
  query ComplianceReport($filter: CallFilter, $rules: [String], $knownLocationOnly: Boolean, $first: Int, $after: String) {
    complianceReport(filter: $filter, rules: $rules, knownLocationOnly: $knownLocationOnly, first: $first, after: $after) {
      violatingCalls
      violations
      locationUnknownCalls
      byRule { key label calls violations }
      byCampaign { key label calls violations }
      byAgent { key label calls violations }
      byDay { day calls violations }
      calls {
        edges { cursor node { callId leadId dialTime campaignId agentId agentName toNumber rules details locationKnown } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`)

/**
 * The violations of the calls the filters cover; `rules` narrows to rule codes (the drill from a rule);
 * `knownLocationOnly` leaves out hours violations found only because the lead could not be placed.
 */
export function useComplianceReport(filter: CallFilter, rules: string[] | null, knownLocationOnly: boolean, first: number, after: string | null) {
  return useQuery(ComplianceReportDocument, { filter, rules, knownLocationOnly, first, after })
}
