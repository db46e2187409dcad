import { graphql } from '../../../gql/gql'
import { useQuery } from '../../../lib/graphql-client'

export const ServiceLevelForDocument = graphql(`
  query ServiceLevelFor($agents: Int!, $ahtSeconds: Float!, $answerWithinSeconds: Float!, $callsPerInterval: Float!, $intervalMinutes: Int!, $patienceSeconds: Float) {
    serviceLevelFor(agents: $agents, ahtSeconds: $ahtSeconds, answerWithinSeconds: $answerWithinSeconds, callsPerInterval: $callsPerInterval, intervalMinutes: $intervalMinutes, patienceSeconds: $patienceSeconds) {
      serviceLevel asaSeconds occupancy probWait probAbandon stable
    }
  }
`)

export interface ServiceLevelArgs {
  agents: number
  ahtSeconds: number
  answerWithinSeconds: number
  callsPerInterval: number
  intervalMinutes: number
  patienceSeconds: number | null
}

/** The reverse question: what service level would N agents give in this interval? */
export function useServiceLevelFor(args: ServiceLevelArgs | null) {
  return useQuery(
    ServiceLevelForDocument,
    args ?? { agents: 1, ahtSeconds: 1, answerWithinSeconds: 1, callsPerInterval: 0, intervalMinutes: 30, patienceSeconds: null },
    { skip: args === null },
  )
}
