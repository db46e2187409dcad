import type { AgentStateKind, LiveFloorSubscription } from '@/gql/graphql'

export type LiveFloor = LiveFloorSubscription['liveFloor']
export type LiveMetrics = LiveFloor['today']
export type LiveCampaign = LiveFloor['campaigns'][number]
export type LiveAgent = LiveFloor['agents'][number]
export type LiveLead = LiveFloor['latestLeads'][number]
export type AgentState = AgentStateKind

/** Words for each state: the colour is never the only sign. */
export const STATE_LABELS: Record<AgentState, string> = {
  READY: 'Ready',
  ON_CALL: 'On call',
  WRAP_UP: 'Wrap-up',
  PAUSED: 'Paused',
  LOGGED_OUT: 'Logged out',
}

/** The order of the state summary: the working states first. */
export const STATE_ORDER: AgentState[] = ['ON_CALL', 'WRAP_UP', 'READY', 'PAUSED', 'LOGGED_OUT']
