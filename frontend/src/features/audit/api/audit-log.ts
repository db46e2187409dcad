import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AuditLogDocument = graphql(`
  query AuditLog($first: Int!, $after: String, $action: String) {
    auditLog(first: $first, after: $after, action: $action) {
      edges { cursor node { id at actor actorRole action target detail outcome } }
      pageInfo { endCursor hasNextPage }
    }
  }
`)

/** The audit log, newest first; one action only when `action` is set. */
export function useAuditLog(first: number, after: string | null, action: string | null) {
  return useQuery(AuditLogDocument, { first, after, action })
}
