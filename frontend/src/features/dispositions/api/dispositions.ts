import { graphql } from '@/gql/gql'
import type { CallFilter } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const DispositionsDocument = graphql(`
  query Dispositions($filter: CallFilter) {
    leadStatuses: leadDisposition(filter: $filter, field: LEAD_STATUS) { status count share }
    callStatuses: leadDisposition(filter: $filter, field: CALL_STATUS) { status count share }
  }
`)

export function useDispositions(filter: CallFilter) {
  return useQuery(DispositionsDocument, { filter })
}
