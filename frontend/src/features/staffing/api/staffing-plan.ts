import { graphql } from '@/gql/gql'
import type { StaffingMode, StaffingTargets } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const StaffingPlanDocument = graphql(`
  query StaffingPlan($from: Date, $to: Date, $intervalMinutes: Int, $mode: StaffingMode, $targets: StaffingTargets) {
    staffingPlan(from: $from, to: $to, intervalMinutes: $intervalMinutes, mode: $mode, targets: $targets) {
      mode intervalMinutes serviceLevelTarget answerWithinSeconds maxOccupancy shrinkage patienceSeconds handleTimeSeconds asOf generatedAt
      days { date expectedCalls peakAgents peakAgentsWithShrinkage agentHours }
      intervals { start expectedCalls handleTimeSeconds agents agentsWithShrinkage serviceLevel asaSeconds occupancy abandonRate }
    }
  }
`)

export function useStaffingPlan(variables: { from: string; to: string; intervalMinutes: number; mode: StaffingMode; targets: StaffingTargets }) {
  return useQuery(StaffingPlanDocument, variables)
}
