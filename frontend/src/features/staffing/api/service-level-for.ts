import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

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

/** The queue of one plan interval with `agents` on calls (patience only in Erlang A). */
export function intervalQueue(
  plan: { answerWithinSeconds: number; intervalMinutes: number; mode?: string | null; patienceSeconds?: number | null },
  interval: { handleTimeSeconds: number; expectedCalls: number },
  agents: number,
): ServiceLevelArgs {
  return {
    agents,
    ahtSeconds: interval.handleTimeSeconds,
    answerWithinSeconds: plan.answerWithinSeconds,
    callsPerInterval: interval.expectedCalls,
    intervalMinutes: plan.intervalMinutes,
    patienceSeconds: plan.mode === 'ERLANG_A' ? (plan.patienceSeconds ?? null) : null,
  }
}
