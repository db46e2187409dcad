import { graphql } from '@/gql/gql'
import type { ComplianceRuleInput } from '@/gql/graphql'
import { execute, invalidateQueries } from '@/lib/graphql-client'

export const SetComplianceRuleDocument = graphql(`
  mutation SetComplianceRule($rule: ComplianceRuleInput!) {
    setComplianceRule(rule: $rule) { code }
  }
`)

/** Stores a rule; the server checks the stored calls again, so the report and the holds change too. */
export async function setComplianceRule(rule: ComplianceRuleInput) {
  const data = await execute(SetComplianceRuleDocument, { rule })
  void invalidateQueries('ComplianceRules', 'ComplianceReport', 'HeldLeads')
  return data.setComplianceRule
}
