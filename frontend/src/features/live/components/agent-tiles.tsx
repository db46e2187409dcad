import { formatDuration, formatInteger } from '@/lib/format'
import { useNow } from '@/lib/use-now'
import { STATE_LABELS, STATE_ORDER, type LiveAgent } from '../types'

/** "4:05", "1:02:09": time in state as a wallboard shows it. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * Seconds in state at `serverNow`: counted from `since` on the server's clock, so that a browser
 * whose clock is off still ticks the right time (serverNow = browser clock + measured offset).
 */
export function secondsInState(agent: LiveAgent, serverNow: number): number {
  const since = Date.parse(agent.since)
  return Number.isNaN(since) ? agent.secondsInState : Math.max(0, (serverNow - since) / 1000)
}

function byName(a: LiveAgent, b: LiveAgent): number {
  return (a.agentName ?? a.agentId).localeCompare(b.agentName ?? b.agentId, 'en', { numeric: true, sensitivity: 'base' })
}

/**
 * One tile per agent, coloured and labelled by state, with time in state ticking every second.
 * Tiles keep their place (by name) so that people find themselves; logged-out agents come last.
 */
export function AgentTiles({ agents, clockOffsetMs = 0 }: { agents: LiveAgent[]; clockOffsetMs?: number }) {
  // Only the tiles re-render every second, not the whole wallboard.
  const serverNow = useNow(1_000) + clockOffsetMs
  if (agents.length === 0) return <p className="muted">No agent reported a state in the last 24 hours.</p>
  const sorted = [...agents].sort((a, b) => Number(a.state === 'LOGGED_OUT') - Number(b.state === 'LOGGED_OUT') || byName(a, b))
  return (
    <ul className="agent-tiles" aria-label="Agents">
      {sorted.map((agent) => (
        <li
          key={agent.agentId}
          className={`agent-tile agent-${agent.state.toLowerCase().replace('_', '-')}`}
          data-testid={`agent-tile-${agent.agentId}`}
          data-state={agent.state}
        >
          <span className="agent-name">{agent.agentName ?? agent.agentId}</span>
          <span className="agent-state">
            {STATE_LABELS[agent.state]}
            {agent.reason && agent.state === 'PAUSED' && <span className="agent-reason">: {agent.reason}</span>}
          </span>
          <span className="agent-time" title={`${STATE_LABELS[agent.state]} for ${formatDuration(secondsInState(agent, serverNow))}`}>
            {formatClock(secondsInState(agent, serverNow))}
          </span>
          <span className="agent-stats">
            {formatInteger(agent.callsToday)} call{agent.callsToday === 1 ? '' : 's'} · {formatInteger(agent.conversionsToday)} conv.
          </span>
        </li>
      ))}
    </ul>
  )
}

/** "3 on call · 1 wrap-up · 4 ready · 2 paused". */
export function StateSummary({ counts }: { counts: { state: LiveAgent['state']; agents: number }[] }) {
  const ordered = STATE_ORDER.map((state) => ({ state, agents: counts.find((c) => c.state === state)?.agents ?? 0 })).filter((c) => c.agents > 0)
  if (ordered.length === 0) return null
  return (
    <ul className="state-summary" aria-label="Agents by state">
      {ordered.map((c) => (
        <li key={c.state} className={`state-count agent-${c.state.toLowerCase().replace('_', '-')}`}>
          <strong>{c.agents}</strong> {STATE_LABELS[c.state].toLowerCase()}
        </li>
      ))}
    </ul>
  )
}
