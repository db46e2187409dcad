import { useState } from 'react'
import { QueryStatus } from '@/components/ui/states'
import { formatDateTime, formatDecimal, formatDuration, formatPercent } from '@/lib/format'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { intervalQueue, useServiceLevelFor } from '../api/service-level-for'
import type { Interval, Plan } from '../types'

/** The reverse question: with N agents on calls in this interval, what service do callers get? */
export function WhatIfPanel({ plan, interval, timeZone }: { plan: Plan; interval: Interval; timeZone: string }) {
  const [agentsText, setAgentsText] = useState(String(interval.agents))
  useResetOnChange([interval], () => setAgentsText(String(interval.agents)))
  const agents = Number(agentsText)
  const valid = Number.isInteger(agents) && agents >= 1 && agents <= 100000
  const query = useServiceLevelFor(valid ? intervalQueue(plan, interval, agents) : null)
  return (
    <section className="panel" aria-labelledby="what-if-title">
      <h2 id="what-if-title">What if N agents? ({formatDateTime(interval.start, timeZone)})</h2>
      <div className="field">
        <label htmlFor="what-if-agents">Agents on calls</label>
        <input
          id="what-if-agents"
          type="number"
          min={1}
          step={1}
          value={agentsText}
          onChange={(e) => setAgentsText(e.target.value)}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : 'what-if-error'}
        />
        {!valid && (
          <span className="field-error" id="what-if-error" role="alert">
            Enter a whole number of agents, 1 or more.
          </span>
        )}
      </div>
      {valid && (
        <QueryStatus {...query}>
          {(data) => {
            const r = data.serviceLevelFor
            return (
              <dl className="facts" data-testid="what-if-result">
                <dt>Service level ({formatDecimal(plan.answerWithinSeconds)} s)</dt>
                <dd>{formatPercent(r.serviceLevel)}</dd>
                <dt>Average speed of answer</dt>
                <dd>{formatDuration(r.asaSeconds)}</dd>
                <dt>Occupancy</dt>
                <dd>{formatPercent(r.occupancy)}</dd>
                <dt>Callers who wait</dt>
                <dd>{formatPercent(r.probWait)}</dd>
                {plan.mode === 'ERLANG_A' && (
                  <>
                    <dt>Callers who hang up</dt>
                    <dd>{formatPercent(r.probAbandon)}</dd>
                  </>
                )}
                {!r.stable && (
                  <>
                    <dt>Warning</dt>
                    <dd className="bad">Too few agents: the queue grows without bound.</dd>
                  </>
                )}
              </dl>
            )
          }}
        </QueryStatus>
      )}
      <p className="muted">Queue maths (Erlang {plan.mode === 'ERLANG_A' ? 'A' : 'C'}) for {formatDecimal(interval.expectedCalls)} calls of {formatDuration(interval.handleTimeSeconds)} in {plan.intervalMinutes} minutes.</p>
    </section>
  )
}
