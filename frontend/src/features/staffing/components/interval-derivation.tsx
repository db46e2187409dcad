import { formatDateTime, formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { intervalQueue, useServiceLevelFor } from '../api/service-level-for'
import type { Interval, Plan } from '../types'

/** How the selected cell's number was reached, step by step, with the figures that went in. */
export function IntervalDerivation({ plan, interval, timeZone }: { plan: Plan; interval: Interval; timeZone: string }) {
  const intervalSeconds = plan.intervalMinutes * 60
  const erlangs = (interval.expectedCalls * interval.handleTimeSeconds) / intervalSeconds
  const queueMode = plan.mode !== 'WORKLOAD'
  // Why not one agent fewer: the same queue with N - 1 agents.
  const fewer = useServiceLevelFor(queueMode && interval.agents > 1 ? intervalQueue(plan, interval, interval.agents - 1) : null)
  const f = fewer.data?.serviceLevelFor
  return (
    <section className="panel" aria-labelledby="derivation-title" data-testid="derivation">
      <h2 id="derivation-title">How {formatDateTime(interval.start, timeZone)} was derived</h2>
      <ol className="derivation">
        <li>
          Expected calls in the interval: <strong>{formatDecimal(interval.expectedCalls)}</strong> (the day's forecast spread over the hours by the recent
          hour-of-day profile).
        </li>
        <li>
          Handle time per call: <strong>{formatDuration(interval.handleTimeSeconds)}</strong> ({formatDecimal(interval.handleTimeSeconds)} s, average agent time of
          recent connected calls).
        </li>
        <li>
          Workload: {formatDecimal(interval.expectedCalls)} × {formatDecimal(interval.handleTimeSeconds)} s ÷ {intervalSeconds} s = <strong>{formatDecimal(erlangs, 2)} Erlangs</strong> (agents
          busy on calls on average).
        </li>
        {queueMode ? (
          <li>
            {plan.mode === 'ERLANG_A' ? 'Erlang A' : 'Erlang C'}: the fewest agents whose service level reaches {formatPercent(plan.serviceLevelTarget)} answered within{' '}
            {formatInteger(plan.answerWithinSeconds)} s with occupancy at most {formatPercent(plan.maxOccupancy)}
            {plan.mode === 'ERLANG_A' ? `, callers waiting ${formatInteger(plan.patienceSeconds ?? 0)} s on average before hanging up` : ''}:{' '}
            <strong>{formatInteger(interval.agents)} agents</strong>, giving service level {formatPercent(interval.serviceLevel)}, ASA {formatDuration(interval.asaSeconds)}, occupancy{' '}
            {formatPercent(interval.occupancy)}
            {plan.mode === 'ERLANG_A' ? `, abandonment ${formatPercent(interval.abandonRate)}` : ''}.
            {f && (
              <>
                {' '}
                With {interval.agents - 1} agents it would be service level {formatPercent(f.serviceLevel)}, occupancy {formatPercent(f.occupancy)}
                {f.stable ? '' : ' (the queue would grow without bound)'}: short of a target.
              </>
            )}
          </li>
        ) : (
          <li>
            Workload mode (outbound): agents = ⌈{formatDecimal(erlangs, 2)} ÷ {formatPercent(plan.maxOccupancy)} occupancy⌉ = <strong>{formatInteger(interval.agents)} agents</strong> on
            calls.
          </li>
        )}
        <li>
          Shrinkage {formatPercent(plan.shrinkage)} (breaks, training, absence): ⌈{formatInteger(interval.agents)} ÷ (1 − {formatDecimal(plan.shrinkage, 2)})⌉ ={' '}
          <strong>{formatInteger(interval.agentsWithShrinkage)} agents to schedule</strong>.
        </li>
      </ol>
    </section>
  )
}
