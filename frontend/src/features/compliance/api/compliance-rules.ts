import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const ComplianceRulesDocument = graphql(`
  query ComplianceRules {
    complianceRules {
      code jurisdiction kind weekdays startTime endTime maxAttempts windowHours statuses holidays source description enabled
      updatedAt updatedBy
    }
  }
`)

export function useComplianceRules() {
  return useQuery(ComplianceRulesDocument, {})
}
