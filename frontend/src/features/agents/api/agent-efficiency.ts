import { graphql } from '@/gql/gql'
import { useQuery } from '@/lib/graphql-client'

export const AgentEfficiencyDocument = graphql(`
  query AgentEfficiency($agentIds: [String]) {
    agentEfficiencyForecast(agentIds: $agentIds) {
      agentId agentName team historyDays periodFrom periodTo asOf generatedAt
      callsPerHour { value lo80 hi80 agentValue teamValue weight evidence }
      successRate { value lo80 hi80 agentValue teamValue weight evidence }
      aht { value lo80 hi80 agentValue teamValue weight evidence }
    }
  }
`)

export function useAgentEfficiency(agentId: string | null) {
  return useQuery(AgentEfficiencyDocument, { agentIds: agentId ? [agentId] : [] }, { skip: !agentId })
}
