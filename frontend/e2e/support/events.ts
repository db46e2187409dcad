import type { APIRequestContext } from '@playwright/test'

export interface CallEventAnswer {
  batchId: number
  received: number
  accepted: number
  duplicates: number
  rejected: number
  // The contract said `callId`; the server answers `id` (a call id or an agent id).
  events: { index: number; id: string | null; outcome: string; field?: string; reason?: string }[]
}

let counter = 0

/** One call as a dialer would post it: a fresh call id, dialled a few seconds ago (today). */
export function callEvent(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `e2e-live-${Date.now()}-${++counter}`
  return {
    call_id: id,
    lead_id: `lead-${id}`,
    campaign_id: 'CMP-01',
    advertiser_id: 'ADV-1',
    agent_id: 'AG-E2E-LIVE',
    agent_name: 'E2E Live Agent',
    call_status: 'Answered',
    lead_status: 'Not Interested',
    agent_call_duration: 42,
    customer_call_duration: 30,
    attempt_no: 1,
    // Other specs read the newest calls (the analyst's masked phone numbers): look like a real call.
    to_number: '+15555550123',
    dial_time: new Date(Date.now() - 5_000).toISOString(),
    ...fields,
  }
}

/** POST /api/events/agent-states: {agentId, agentName?, state, at, campaignId?, reason?} each. */
export async function postAgentStates(request: APIRequestContext, states: Record<string, unknown>[]): Promise<CallEventAnswer> {
  const response = await request.post('/api/events/agent-states', { data: states })
  if (!response.ok()) throw new Error(`POST /api/events/agent-states answered ${response.status()}: ${await response.text()}`)
  const answer = (await response.json()) as CallEventAnswer
  if (answer.accepted !== states.length) throw new Error(`Not every state was accepted: ${JSON.stringify(answer)}`)
  return answer
}

/** POST /api/events/calls (answers after commit); fails the test unless every call is accepted. */
export async function postCalls(request: APIRequestContext, calls: Record<string, unknown>[]): Promise<CallEventAnswer> {
  const response = await request.post('/api/events/calls', { data: calls })
  if (!response.ok()) throw new Error(`POST /api/events/calls answered ${response.status()}: ${await response.text()}`)
  const answer = (await response.json()) as CallEventAnswer
  if (answer.accepted !== calls.length) throw new Error(`Not every call was accepted: ${JSON.stringify(answer)}`)
  return answer
}
