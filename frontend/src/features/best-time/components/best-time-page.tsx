import { useMemo, useRef, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { AttemptPolicyQuery, BestTimeQuery } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'
import { formatDateTime, formatDecimal, formatInteger, formatPercent } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useAttemptPolicy } from '../api/attempt-policy'
import { useBestTime } from '../api/best-time'
import { downloadNextAttemptsCsv } from '../api/next-attempts-csv'
import { ModelCheck } from './model-check'

type Hour = BestTimeQuery['bestTimeToCall'][number]
type Cell = BestTimeQuery['bestTimeHeatmap'][number]
type Step = AttemptPolicyQuery['attemptPolicy']['attempts'][number]

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const ATTEMPTS: Record<string, string> = { '': 'Any attempt', '1': '1st', '2': '2nd', '3': '3rd', '4': '4th', '5': '5th', '6': '6th', '7': '7th', '8': '8th and later' }
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`
const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10)

/** Lighter cells where the 80% interval is wide (few dials): full colour at 4 points wide or less, faint at 20+. */
export function confidenceOpacity(lo: number | null | undefined, hi: number | null | undefined): number {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return 0.15
  const width = (hi - lo) * 100
  return Math.max(0.2, Math.min(1, 1 - (width - 4) / 20))
}

function heatmapOption(cells: Cell[]): ChartOption | null {
  const seen = [...new Set(cells.filter((c) => c.expectedConnectsPerDial !== null && c.expectedConnectsPerDial !== undefined).map((c) => c.hour))].sort((a, b) => a - b)
  if (seen.length === 0) return null
  const hours = Array.from({ length: seen[seen.length - 1] - seen[0] + 1 }, (_, i) => seen[0] + i)
  const rates = cells.map((c) => pct(c.expectedConnectsPerDial)).filter((r): r is number => r !== null)
  const data = cells
    .filter((c) => hours.includes(c.hour))
    .map((c) => ({
      value: [hours.indexOf(c.hour), c.weekday - 1, pct(c.expectedConnectsPerDial), pct(c.connectLo80), pct(c.connectHi80), c.dials, c.withinCallingHours ? 1 : 0],
      // an hour the calling rules forbid on that day: faint and crossed out, whatever its rate
      itemStyle: c.withinCallingHours ? { opacity: confidenceOpacity(c.connectLo80, c.connectHi80) } : { opacity: 0.12, decal: { symbol: 'line', rotation: Math.PI / 4 } },
    }))
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number | null, number | null, number | null, number, number] }) =>
        `${DAY_NAMES[p.value[1]]} ${hh(hours[p.value[0]])} (lead's local time)<br/>Expected connect rate ${p.value[2] ?? '–'}%` +
        `<br/>80% interval ${p.value[3] ?? '–'}% – ${p.value[4] ?? '–'}%<br/>${formatInteger(p.value[5])} dials behind it` +
        (p.value[6] ? '' : '<br/><b>Outside the calling hours the rules permit on this day</b>'),
    },
    grid: { left: 48, right: 24, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: hours.map(hh), splitArea: { show: true } },
    yAxis: { type: 'category', data: DAY_NAMES, inverse: true, splitArea: { show: true } },
    visualMap: { dimension: 2, min: Math.floor(Math.min(...rates)), max: Math.ceil(Math.max(...rates, 1)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['high %', 'low %'], inRange: { color: ['var(--heat-low)', 'var(--heat-high)'] } },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: [number, number, number | null] }) => (p.value[2] === null ? '' : `${Math.round(p.value[2])}`), fontSize: 10 } }],
  }
}

const hourColumns: Column<Hour>[] = [
  { key: 'rank', header: 'Rank', value: (h) => h.rank, align: 'right' },
  { key: 'hour', header: 'Local hour', value: (h) => h.hour, render: (h) => hh(h.hour) },
  { key: 'rate', header: 'Expected connects per dial', value: (h) => h.expectedConnectsPerDial, render: (h) => formatPercent(h.expectedConnectsPerDial), align: 'right' },
  { key: 'interval', header: '80% interval', value: (h) => h.connectLo80, render: (h) => (h.connectLo80 === null || h.connectLo80 === undefined ? '–' : `${formatPercent(h.connectLo80)} – ${formatPercent(h.connectHi80)}`), align: 'right' },
  { key: 'conv', header: 'Expected conversions per dial', value: (h) => h.expectedConversionsPerDial, render: (h) => formatPercent(h.expectedConversionsPerDial), align: 'right' },
  { key: 'dials', header: 'Dials behind it', value: (h) => h.dials, render: (h) => formatInteger(h.dials), align: 'right' },
  { key: 'observed', header: 'Observed connect rate', value: (h) => h.observedConnectRate, render: (h) => formatPercent(h.observedConnectRate), align: 'right' },
  { key: 'permitted', header: 'Calling hours', value: (h) => h.withinCallingHours, render: (h) => (h.withinCallingHours ? 'Permitted' : 'Forbidden by the rules'), description: "Whether the calling-hours rules (federal and the chosen state's) permit the whole hour on at least one weekday; forbidden hours rank after the permitted ones" },
]

function attemptOption(steps: Step[], stop: number | null | undefined): ChartOption {
  const attempts = steps.map((s) => String(s.attempt))
  const band = { type: 'line', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } }
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Expected conversions per dial', 'Threshold', '80% band'] },
    grid: { left: 64, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: attempts, name: 'Attempt' },
    yAxis: { type: 'value', name: 'Conversions per dial, %', min: 0 },
    series: [
      { ...band, name: '80% base', stack: 'b80', data: steps.map((s) => pct(s.conversionsLo80)) },
      { ...band, name: '80% band', stack: 'b80', data: steps.map((s) => (s.conversionsLo80 === null || s.conversionsLo80 === undefined || s.conversionsHi80 === null || s.conversionsHi80 === undefined ? null : pct(s.conversionsHi80 - s.conversionsLo80))), areaStyle: { color: 'rgba(37, 99, 235, 0.2)' }, itemStyle: { color: 'rgba(37, 99, 235, 0.35)' } },
      {
        name: 'Expected conversions per dial',
        type: 'line',
        data: steps.map((s) => pct(s.expectedConversionsPerDial)),
        lineStyle: { color: 'var(--chart-1)', width: 2 },
        itemStyle: { color: 'var(--chart-1)' },
        markLine: stop ? { symbol: 'none', label: { formatter: `stop after ${stop}` }, data: [{ xAxis: String(stop) }] } : undefined,
      },
      { name: 'Threshold', type: 'line', data: steps.map((s) => pct(s.thresholdConversionsPerDial)), symbol: 'none', lineStyle: { color: 'var(--chart-ink)', type: 'dashed' }, itemStyle: { color: 'var(--chart-ink)' } },
    ],
  }
}

const stepColumns: Column<Step>[] = [
  { key: 'attempt', header: 'Attempt', value: (s) => s.attempt, align: 'right' },
  { key: 'dials', header: 'Dials', value: (s) => s.dials, render: (s) => formatInteger(s.dials), align: 'right' },
  { key: 'connect', header: 'Expected connects per dial', value: (s) => s.expectedConnectsPerDial, render: (s) => formatPercent(s.expectedConnectsPerDial), align: 'right' },
  { key: 'conv', header: 'Expected conversions per dial', value: (s) => s.expectedConversionsPerDial, render: (s) => formatPercent(s.expectedConversionsPerDial), align: 'right' },
  { key: 'conversions', header: 'Conversions', value: (s) => s.conversions, render: (s) => formatInteger(s.conversions), align: 'right' },
  { key: 'hours', header: 'Agent hours', value: (s) => s.agentHours, render: (s) => formatDecimal(s.agentHours), align: 'right' },
  { key: 'within', header: 'Within policy', value: (s) => s.withinPolicy, render: (s) => (s.withinPolicy ? 'Yes' : 'No: stop') },
]

function AttemptCurve({ campaignId }: { campaignId: string | null }) {
  const [threshold, setThreshold] = useUrlParam('threshold', '')
  const parsed = threshold === '' ? null : Number(threshold) / 100
  const query = useAttemptPolicy(campaignId, parsed !== null && Number.isFinite(parsed) ? parsed : null)
  return (
    <section className="panel" aria-labelledby="attempt-title">
      <h2 id="attempt-title">When to stop calling a lead</h2>
      <form className="toolbar" aria-label="Attempt policy" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="attempt-threshold">Least expected conversions per dial, %</label>
          <input id="attempt-threshold" type="number" min={0} max={100} step={0.1} placeholder="stored policy" value={threshold} onChange={(e) => setThreshold(e.target.value === '' ? null : e.target.value)} />
        </div>
      </form>
      <QueryStatus {...query} isEmpty={(d) => d.attemptPolicy.attempts.length === 0} empty="No contact model yet: it is fitted with the next forecast refresh.">
        {(data) => {
          const p = data.attemptPolicy
          return (
            <>
              <p role="status" aria-label="Recommended stop">
                {p.stopAfterAttempt === null || p.stopAfterAttempt === undefined
                  ? 'Every attempt of the history pays at this threshold.'
                  : `Stop after attempt ${p.stopAfterAttempt}: on the history that would have saved ${formatInteger(p.savedDials)} dials and ${formatDecimal(p.savedAgentHours)} agent hours, and lost ${formatInteger(p.lostConversions)} of ${formatInteger(p.lostConversions + p.keptConversions)} conversions.`}{' '}
                <span className="muted">
                  Threshold {p.thresholdSource === 'ARGUMENT' ? 'entered here' : p.thresholdSource === 'STORED' ? 'set by a manager' : 'by default'}
                  {p.minConversionsPerDial !== null && p.minConversionsPerDial !== undefined ? `: ${formatPercent(p.minConversionsPerDial)} per dial` : ''}.
                </span>
              </p>
              <Chart option={attemptOption(p.attempts, p.stopAfterAttempt)} height={300} label="Expected conversions per dial by attempt number, with the 80% band, the threshold (dashed) and the recommended stop" />
              <DataTable caption="Attempts" columns={stepColumns} rows={p.attempts} rowKey={(s) => String(s.attempt)} />
            </>
          )
        }}
      </QueryStatus>
    </section>
  )
}

function NextAttemptsExport({ campaignId }: { campaignId: string | null }) {
  const [status, setStatus] = useState<string | null>(null)
  const abortRef = useRef<AbortController | null>(null)
  async function run() {
    const controller = new AbortController()
    abortRef.current = controller
    setStatus('Asking the server for the download…')
    try {
      const name = await downloadNextAttemptsCsv(campaignId, controller.signal)
      setStatus(`Downloading ${name}: the next attempt of every open lead.`)
    } catch (e) {
      setStatus(`Export failed: ${(e as Error).message}`)
    }
  }
  return (
    <div className="export-box">
      <button type="button" className="button primary" onClick={run}>
        Export next attempts (CSV)
      </button>
      <span role="status" aria-live="polite" className="muted">
        {status}
      </span>
    </div>
  )
}

export default function BestTimePage() {
  const { filters } = useFilters()
  const [campaign, setCampaign] = useUrlParam('campaign', '')
  const [state, setState] = useUrlParam('state', '')
  const [attempt, setAttempt] = useUrlParam('attempt', '')
  const dimensions = useDimensions()
  const campaignId = campaign === '' ? null : campaign
  const query = useBestTime({ campaignId, state: state === '' ? null : state, attempt: attempt === '' ? null : Number(attempt) })
  const option = useMemo(() => (query.data ? heatmapOption(query.data.bestTimeHeatmap) : null), [query.data])
  const states = query.data?.contactModel?.states ?? []

  return (
    <>
      <PageHeader
        title="Best time to call"
        description="When each kind of lead answers, in the lead's own local time (from its ZIP or phone number), and after how many attempts another dial stops paying. From the contact model refitted with the forecasts; sparse cells are pulled toward broader groups and shown lighter. The global filters do not apply here."
        actions={<NextAttemptsExport campaignId={campaignId} />}
      />
      <form className="toolbar" aria-label="Best time choices" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="best-time-campaign">Campaign</label>
          <select id="best-time-campaign" value={campaign} onChange={(e) => setCampaign(e.target.value === '' ? null : e.target.value)}>
            <option value="">All campaigns</option>
            {(dimensions.data?.campaigns ?? []).map((c) => (
              <option key={c.campaignId} value={c.campaignId ?? ''}>
                {c.name ?? c.campaignId}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="best-time-state">Lead's state</label>
          <select id="best-time-state" value={state} onChange={(e) => setState(e.target.value === '' ? null : e.target.value)}>
            <option value="">All states</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {s === '??' ? 'Unknown state' : s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="best-time-attempt">Attempt</label>
          <select id="best-time-attempt" value={attempt} onChange={(e) => setAttempt(e.target.value === '' ? null : e.target.value)}>
            {Object.entries(ATTEMPTS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryStatus {...query} isEmpty={(d) => d.contactModel === null || d.contactModel === undefined} empty="No contact model yet: it is fitted with the next forecast refresh.">
        {(data) => (
          <>
            <section className="panel" aria-labelledby="best-time-heatmap-title">
              <h2 id="best-time-heatmap-title">Expected connect rate by the lead's local hour and weekday, %</h2>
              <p className="muted">
                Model of {formatDateTime(data.contactModel?.createdAt, filters.timeZone)}, {formatInteger(data.contactModel?.dials)} dials up to {formatDateTime(data.contactModel?.historyTo, filters.timeZone)}
                {data.contactModel?.dialsUnlocated ? ` (${formatInteger(data.contactModel.dialsUnlocated)} dials of leads with no known place left out)` : ''}. Lighter cells: wider 80% interval (fewer dials); crossed-out cells: hours the calling rules forbid on that day. Hover for the interval and the dials.
              </p>
              {option && <Chart option={option} height={320} label="Expected connect rate (percent, number in each cell) by the lead's local hour and weekday; lighter cells are less certain" />}
            </section>
            <section className="panel" aria-labelledby="best-hours-title">
              <h2 id="best-hours-title">Hours ranked best first</h2>
              <DataTable caption="Best hours" columns={hourColumns} rows={data.bestTimeToCall.filter((h) => h.expectedConnectsPerDial !== null && h.expectedConnectsPerDial !== undefined)} rowKey={(h) => String(h.hour)} />
            </section>
            <ModelCheck validation={data.contactModel?.validation ?? []} />
          </>
        )}
      </QueryStatus>
      <AttemptCurve campaignId={campaignId} />
    </>
  )
}
