import { useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import { addDays, todayIn, zonedParts } from '@/lib/dates'
import { formatDate, formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useStaffingPlan } from '../api/staffing-plan'
import type { Interval, Plan } from '../types'
import { DEFAULT_TARGETS, StaffingTargetsEditor, type Mode, type Targets } from './staffing-targets-editor'
import { IntervalDerivation } from './interval-derivation'
import { WhatIfPanel } from './what-if-panel'

type Day = NonNullable<NonNullable<Plan['days']>[number]>

const PARAMS: Record<keyof Targets, string> = {
  mode: 'mode',
  intervalMinutes: 'interval',
  serviceLevel: 'sl',
  answerWithinSeconds: 'asa',
  maxOccupancy: 'occ',
  shrinkage: 'shr',
  patienceSeconds: 'pat',
}

function readTargets(params: URLSearchParams): Targets {
  const number = (name: string, fallback: number) => {
    const v = Number(params.get(name))
    return params.has(name) && Number.isFinite(v) ? v : fallback
  }
  const mode = params.get('mode')
  return {
    mode: mode === 'ERLANG_C' || mode === 'ERLANG_A' || mode === 'WORKLOAD' ? (mode as Mode) : DEFAULT_TARGETS.mode,
    intervalMinutes: [15, 30, 60].includes(number('interval', 30)) ? number('interval', 30) : 30,
    serviceLevel: number('sl', DEFAULT_TARGETS.serviceLevel),
    answerWithinSeconds: number('asa', DEFAULT_TARGETS.answerWithinSeconds),
    maxOccupancy: number('occ', DEFAULT_TARGETS.maxOccupancy),
    shrinkage: number('shr', DEFAULT_TARGETS.shrinkage),
    patienceSeconds: number('pat', DEFAULT_TARGETS.patienceSeconds),
  }
}

const dayColumns: Column<Day>[] = [
  { key: 'date', header: 'Day', value: (d) => d.date, render: (d) => formatDate(d.date) },
  { key: 'expectedCalls', header: 'Expected calls', value: (d) => d.expectedCalls, render: (d) => formatInteger(d.expectedCalls), align: 'right' },
  { key: 'peakAgents', header: 'Peak agents on calls', value: (d) => d.peakAgents, render: (d) => formatInteger(d.peakAgents), align: 'right' },
  { key: 'peakAgentsWithShrinkage', header: 'Peak agents to schedule', value: (d) => d.peakAgentsWithShrinkage, render: (d) => formatInteger(d.peakAgentsWithShrinkage), align: 'right' },
  { key: 'agentHours', header: 'Agent hours', value: (d) => d.agentHours, render: (d) => formatDecimal(d.agentHours), align: 'right' },
]

function timeOfDay(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone)
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

function dayOf(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

function heatmap(intervals: Interval[], timeZone: string): { option: ChartOption; cells: Interval[][] } {
  const busy = intervals.filter((i) => i.expectedCalls > 0.0001)
  const times = [...new Set(busy.map((i) => timeOfDay(i.start!, timeZone)))].sort()
  const days = [...new Set(busy.map((i) => dayOf(i.start!, timeZone)))].sort()
  const cells: Interval[][] = []
  const data = busy.map((i) => {
    const x = times.indexOf(timeOfDay(i.start!, timeZone))
    const y = days.indexOf(dayOf(i.start!, timeZone))
    cells[x] ??= []
    cells[x][y] = i
    return [x, y, i.agentsWithShrinkage]
  })
  const max = Math.max(1, ...busy.map((i) => i.agentsWithShrinkage))
  return {
    cells,
    option: {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => {
          const i = cells[p.value[0]][p.value[1]]
          return `${formatDate(days[p.value[1]])} ${times[p.value[0]]}<br/>${formatInteger(i.agentsWithShrinkage)} to schedule (${i.agents} on calls)<br/>${formatDecimal(i.expectedCalls)} calls expected`
        },
      },
      grid: { left: 110, right: 16, top: 8, bottom: 80 },
      xAxis: { type: 'category', data: times, splitArea: { show: true } },
      yAxis: { type: 'category', data: days.map((d) => formatDate(d)), inverse: true },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['more agents', 'fewer'], inRange: { color: ['var(--heat-good-low)', 'var(--heat-good-high)'] } },
      series: [{ type: 'heatmap', data, label: { show: times.length <= 30, fontSize: 9 } }],
    },
  }
}

export default function StaffingPage() {
  const { filters } = useFilters()
  const [params, setParams] = useSearchParams()
  const targets = useMemo(() => readTargets(params), [params])
  const days = [7, 14, 30].includes(Number(params.get('days'))) ? Number(params.get('days')) : 7
  const from = todayIn('UTC')
  const selectedStart = params.get('cell')

  const variables = useMemo(
    () => ({
      from,
      to: addDays(from, days),
      intervalMinutes: targets.intervalMinutes,
      mode: targets.mode,
      targets: {
        serviceLevel: targets.serviceLevel,
        answerWithinSeconds: targets.answerWithinSeconds,
        maxOccupancy: targets.maxOccupancy,
        shrinkage: targets.shrinkage,
        patienceSeconds: targets.mode === 'ERLANG_A' ? targets.patienceSeconds : null,
      },
    }),
    [from, days, targets],
  )
  const query = useStaffingPlan(variables)

  function update(changes: Record<string, string | null>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) next.delete(name)
          else next.set(name, value)
        }
        return next
      },
      { replace: true },
    )
  }

  function changeTargets(next: Targets) {
    const changes: Record<string, string | null> = {}
    for (const key of Object.keys(PARAMS) as (keyof Targets)[]) {
      changes[PARAMS[key]] = next[key] === DEFAULT_TARGETS[key] ? null : String(next[key])
    }
    if (next.intervalMinutes !== targets.intervalMinutes) changes.cell = null
    update(changes)
  }

  const intervals = useMemo(() => (query.data?.staffingPlan.intervals ?? []).filter((i): i is Interval => i !== null), [query.data])
  const map = useMemo(() => heatmap(intervals, filters.timeZone), [intervals, filters.timeZone])
  const selected = useMemo(() => {
    if (intervals.length === 0) return null
    const match = selectedStart ? intervals.find((i) => i.start === selectedStart) : undefined
    return match ?? intervals.reduce((peak, i) => (i.agentsWithShrinkage > peak.agentsWithShrinkage ? i : peak), intervals[0])
  }, [intervals, selectedStart])

  return (
    <>
      <PageHeader
        title="Staffing"
        description="Agents needed per interval to work the forecast calls at your targets. Change a target and the plan is recomputed; choose a cell to see how its number was derived. The plan covers the forecast days ahead; the global date filter does not apply here."
      />
      <section className="panel" aria-labelledby="targets-title">
        <h2 id="targets-title">Targets</h2>
        <StaffingTargetsEditor targets={targets} onChange={changeTargets} />
        <div className="toolbar">
          <div className="field">
            <label htmlFor="staffing-days">Plan horizon</label>
            <select id="staffing-days" value={days} onChange={(e) => update({ days: e.target.value === '7' ? null : e.target.value })}>
              <option value={7}>Next 7 days</option>
              <option value={14}>Next 14 days</option>
              <option value={30}>Next 30 days</option>
            </select>
          </div>
          <button type="button" className="button" onClick={() => changeTargets(DEFAULT_TARGETS)}>
            Reset targets
          </button>
        </div>
      </section>
      <QueryStatus {...query} isEmpty={(d) => (d.staffingPlan.intervals?.length ?? 0) === 0} empty="No forecast to plan from yet: the forecast refresh has not run.">
        {(data) => {
          const plan = data.staffingPlan
          const totalHours = (plan.days ?? []).reduce((s, d) => s + (d?.agentHours ?? 0), 0)
          return (
            <>
              <section className="panel" aria-labelledby="plan-title">
                <h2 id="plan-title">Agents to schedule per {plan.intervalMinutes}-minute interval ({filters.timeZone})</h2>
                <p className="muted" data-testid="plan-summary">
                  Average handle time {formatDuration(plan.handleTimeSeconds)} from recent calls; shrinkage {formatPercent(plan.shrinkage)}; {formatDecimal(totalHours)} agent hours on calls over{' '}
                  {plan.days?.length ?? 0} days; peak {formatInteger(Math.max(0, ...(plan.days ?? []).map((d) => d?.peakAgentsWithShrinkage ?? 0)))} agents to schedule.
                </p>
                <Chart
                  option={map.option}
                  height={Math.max(220, (plan.days?.length ?? 7) * 26 + 110)}
                  label="Agents to schedule by day (rows) and time of day (columns)"
                  onItemClick={(p) => {
                    const [x, y] = p.value as [number, number]
                    const cell = map.cells[x]?.[y]
                    if (cell?.start) update({ cell: cell.start })
                  }}
                />
              </section>
              <div className="two-columns">
                {selected && <IntervalDerivation plan={plan} interval={selected} timeZone={filters.timeZone} />}
                {selected && <WhatIfPanel plan={plan} interval={selected} timeZone={filters.timeZone} />}
              </div>
              <section className="panel" aria-labelledby="days-title">
                <h2 id="days-title">Per day</h2>
                <DataTable caption="Staffing per day" columns={dayColumns} rows={(plan.days ?? []).filter((d): d is Day => d !== null)} rowKey={(d) => String(d.date)} exportName="staffing-per-day" />
              </section>
              <section className="panel" aria-labelledby="intervals-title">
                <h2 id="intervals-title">Per interval</h2>
                <DataTable
                  caption="Staffing per interval"
                  columns={intervalColumns(filters.timeZone, (start) => update({ cell: start }))}
                  rows={intervals.filter((i) => i.expectedCalls > 0.0001)}
                  rowKey={(i) => String(i.start)}
                  exportName="staffing-per-interval"
                  selectedKey={selected?.start ?? null}
                />
              </section>
            </>
          )
        }}
      </QueryStatus>
    </>
  )
}

function intervalColumns(timeZone: string, choose: (start: string) => void): Column<Interval>[] {
  return [
    {
      key: 'start',
      header: 'Interval start',
      value: (i) => i.start,
      render: (i) => (
        <button type="button" className="link-button" onClick={() => choose(i.start!)}>
          {formatDate(dayOf(i.start!, timeZone))} {timeOfDay(i.start!, timeZone)}
        </button>
      ),
    },
    { key: 'expectedCalls', header: 'Expected calls', value: (i) => i.expectedCalls, render: (i) => formatDecimal(i.expectedCalls), align: 'right' },
    { key: 'agents', header: 'Agents on calls', value: (i) => i.agents, render: (i) => formatInteger(i.agents), align: 'right' },
    { key: 'agentsWithShrinkage', header: 'Agents to schedule', value: (i) => i.agentsWithShrinkage, render: (i) => formatInteger(i.agentsWithShrinkage), align: 'right' },
    { key: 'serviceLevel', header: 'Service level', value: (i) => i.serviceLevel, render: (i) => formatPercent(i.serviceLevel), align: 'right' },
    { key: 'asaSeconds', header: 'ASA', value: (i) => i.asaSeconds, render: (i) => formatDuration(i.asaSeconds), align: 'right' },
    { key: 'occupancy', header: 'Occupancy', value: (i) => i.occupancy, render: (i) => formatPercent(i.occupancy), align: 'right' },
  ]
}
