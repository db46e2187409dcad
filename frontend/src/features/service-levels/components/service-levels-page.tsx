import { Link } from 'react-router-dom'
import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { SelectField } from '@/components/ui/select-field'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { ServiceBucket, ServiceMetricsQuery, StaffingBacktestQuery } from '@/gql/graphql'
import { addDays } from '@/lib/dates'
import { formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useUrlParam } from '@/lib/use-filters'
import { useServiceMetrics, useServiceQueues, useStaffingBacktest } from '../api/service-levels'
import { ConflictsPanel } from './conflicts-panel'

type Row = ServiceMetricsQuery['serviceMetrics'][number]
type ModelError = NonNullable<NonNullable<StaffingBacktestQuery['staffingBacktest']['errors']>[number]>

const BUCKETS: Record<ServiceBucket, string> = {
  MINUTES_15: '15 minutes',
  MINUTES_30: '30 minutes',
  HOUR: 'Hour',
  DAY: 'Day',
  WEEK: 'Week',
  MONTH: 'Month',
}

function label(iso: string | null | undefined, bucket: ServiceBucket): string {
  if (!iso) return ''
  return bucket === 'MONTH' ? iso.slice(0, 7) : bucket === 'DAY' || bucket === 'WEEK' ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ')
}

const errorColumns: Column<ModelError>[] = [
  { key: 'model', header: 'Model', value: (e) => (e.model === 'ERLANG_C' ? 'Erlang C' : 'Erlang A') },
  { key: 'hours', header: 'Hours compared', value: (e) => e.hours, align: 'right' },
  { key: 'serviceLevelMae', header: 'Service level error (mean abs.)', value: (e) => e.serviceLevelMae, render: (e) => (e.serviceLevelMae == null ? '–' : `${formatDecimal(e.serviceLevelMae * 100)} pp`), align: 'right' },
  { key: 'serviceLevelBias', header: 'Bias (predicted − actual)', value: (e) => e.serviceLevelBias, render: (e) => (e.serviceLevelBias == null ? '–' : `${e.serviceLevelBias > 0 ? '+' : ''}${formatDecimal(e.serviceLevelBias * 100)} pp`), align: 'right' },
  { key: 'abandonRateMae', header: 'Abandonment error (mean abs.)', value: (e) => e.abandonRateMae, render: (e) => (e.abandonRateMae == null ? '–' : `${formatDecimal(e.abandonRateMae * 100)} pp`), align: 'right' },
]

export default function ServiceLevelsPage() {
  const queues = useServiceQueues()
  const [queueParam, setQueue] = useUrlParam('queue', '')
  const [bucketParam, setBucket] = useUrlParam('bucket', 'DAY')
  const [fromParam, setFrom] = useUrlParam('slFrom', '')
  const [toParam, setTo] = useUrlParam('slTo', '')
  const list = queues.data?.serviceQueues ?? []
  const queue = list.find((q) => q.name === queueParam) ?? list[0] ?? null
  const bucket = (bucketParam in BUCKETS ? bucketParam : 'DAY') as ServiceBucket
  // Default window: the last 31 days the queue has data for.
  const to = toParam || (queue?.lastDay ? addDays(String(queue.lastDay), 1) : null)
  const from = fromParam || (to ? addDays(to, -31) : null)
  const metrics = useServiceMetrics(queue?.name ?? null, bucket, from, to)
  const hasCalls = (queue?.sources ?? []).includes('CALLS')
  const backtest = useStaffingBacktest(queue?.name ?? null, from, to, hasCalls)
  const target = queue?.answerWithinSeconds ?? 20

  const rows = useMemo(() => metrics.data?.serviceMetrics ?? [], [metrics.data])
  const volumeChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['Handled', 'Abandoned', 'Offered'] },
      grid: { left: 64, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => label(r.periodStart, bucket)) },
      yAxis: { type: 'value', name: 'Calls' },
      series: [
        { name: 'Handled', type: 'bar', stack: 'calls', data: rows.map((r) => r.handled) },
        { name: 'Abandoned', type: 'bar', stack: 'calls', data: rows.map((r) => r.abandoned), itemStyle: { color: 'var(--chart-5)' } },
        { name: 'Offered', type: 'line', data: rows.map((r) => r.offered), symbol: 'none', lineStyle: { color: 'var(--chart-ink)' }, itemStyle: { color: 'var(--chart-ink)' } },
      ],
    }),
    [rows, bucket],
  )
  const slChart = useMemo<ChartOption>(() => {
    const within = rows.find((r) => r.serviceLevelWithinSeconds != null)?.serviceLevelWithinSeconds ?? target
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [`Service level (${formatInteger(within)} s)`, 'Target 80%', 'ASA (s)', `Answer target ${formatInteger(target)} s`] },
      grid: { left: 56, right: 56, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => label(r.periodStart, bucket)) },
      yAxis: [
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
        { type: 'value', name: 'ASA (s)', splitLine: { show: false } },
      ],
      series: [
        { name: `Service level (${formatInteger(within)} s)`, type: 'line', data: rows.map((r) => r.serviceLevel), symbol: 'circle', symbolSize: 4 },
        { name: 'Target 80%', type: 'line', data: rows.map(() => 0.8), symbol: 'none', lineStyle: { type: 'dashed', color: 'var(--chart-2)' }, itemStyle: { color: 'var(--chart-2)' } },
        { name: 'ASA (s)', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.asaSeconds), symbol: 'triangle', symbolSize: 5 },
        { name: `Answer target ${formatInteger(target)} s`, type: 'line', yAxisIndex: 1, data: rows.map(() => target), symbol: 'none', lineStyle: { type: 'dotted', color: 'var(--chart-3)' }, itemStyle: { color: 'var(--chart-3)' } },
      ],
    }
  }, [rows, bucket, target])

  const columns: Column<Row>[] = [
    { key: 'periodStart', header: 'Period', value: (r) => r.periodStart, render: (r) => label(r.periodStart, bucket) },
    { key: 'offered', header: 'Offered', value: (r) => r.offered, render: (r) => formatInteger(r.offered), align: 'right' },
    { key: 'handled', header: 'Handled', value: (r) => r.handled, render: (r) => formatInteger(r.handled), align: 'right' },
    { key: 'abandoned', header: 'Abandoned', value: (r) => r.abandoned, render: (r) => formatInteger(r.abandoned), align: 'right' },
    { key: 'handlingRate', header: 'Call handling %', value: (r) => r.handlingRate, render: (r) => formatPercent(r.handlingRate), align: 'right' },
    { key: 'abandonRate', header: 'Abandon rate', value: (r) => r.abandonRate, render: (r) => formatPercent(r.abandonRate), align: 'right' },
    { key: 'serviceLevel', header: 'Service level', value: (r) => r.serviceLevel, render: (r) => formatPercent(r.serviceLevel), align: 'right' },
    { key: 'asaSeconds', header: 'ASA', value: (r) => r.asaSeconds, render: (r) => formatDuration(r.asaSeconds), align: 'right' },
    { key: 'ahtSeconds', header: 'AHT', value: (r) => r.ahtSeconds, render: (r) => formatDuration(r.ahtSeconds), align: 'right' },
    { key: 'longestWaitSeconds', header: 'Longest wait', value: (r) => r.longestWaitSeconds, render: (r) => formatDuration(r.longestWaitSeconds), align: 'right' },
    { key: 'inconsistentRows', header: 'Offered ≠ handled + abandoned', value: (r) => r.inconsistentRows, align: 'right' },
  ]

  return (
    <>
      <PageHeader
        title="Service levels"
        description="Inbound queues: offered, handled and abandoned calls, service level and ASA against their targets, call handling %, and whether the staffing maths held on this queue's own history."
      />
      <QueryStatus {...queues} isEmpty={(d) => d.serviceQueues.length === 0} empty={<>No queue yet: load a metric file or a call log on the Ingest page (<Link to="/ingest?kind=service-metrics">service metrics</Link>, <Link to="/ingest?kind=inbound-calls">inbound call logs</Link>; administrators).</>}>
        {() => (
          <>
            <form className="toolbar" aria-label="Service level choices" onSubmit={(e) => e.preventDefault()}>
              <div className="field">
                <label htmlFor="sl-queue">Queue</label>
                <select id="sl-queue" value={queue?.name ?? ''} onChange={(e) => setQueue(e.target.value)}>
                  {list.map((q) => (
                    <option key={q.name} value={q.name ?? ''}>
                      {q.name} ({(q.sources ?? []).join(', ').toLowerCase()})
                    </option>
                  ))}
                </select>
              </div>
              <SelectField id="sl-bucket" label="Interval" value={bucket} options={BUCKETS} onChange={setBucket} />
              <div className="field">
                <label htmlFor="sl-from">From</label>
                <input id="sl-from" type="date" value={from ?? ''} onChange={(e) => setFrom(e.target.value || null)} />
              </div>
              <div className="field">
                <label htmlFor="sl-to">To (exclusive)</label>
                <input id="sl-to" type="date" value={to ?? ''} onChange={(e) => setTo(e.target.value || null)} />
              </div>
            </form>
            <QueryStatus {...metrics} isEmpty={(d) => d.serviceMetrics.length === 0} empty="No data for this queue, interval and period (monthly files show in Month only).">
              {() => (
                <>
                  <div className="two-columns">
                    <section className="panel" aria-labelledby="sl-volume-title">
                      <h2 id="sl-volume-title">Calls offered, handled and abandoned</h2>
                      <Chart option={volumeChart} label="Handled and abandoned calls (stacked bars) and offered calls (line) per period" />
                    </section>
                    <section className="panel" aria-labelledby="sl-level-title">
                      <h2 id="sl-level-title">Service level and ASA against their targets</h2>
                      <Chart option={slChart} label="Service level and average speed of answer per period with their target lines" />
                    </section>
                  </div>
                  <section className="panel" aria-labelledby="sl-table-title">
                    <h2 id="sl-table-title">Per {BUCKETS[bucket].toLowerCase()}</h2>
                    <DataTable caption="Service metrics" columns={columns} rows={rows} rowKey={(r) => `${r.queue}-${r.periodStart}`} exportName={`service-levels-${queue?.name}`} />
                  </section>
                </>
              )}
            </QueryStatus>
            {queue?.name && <ConflictsPanel queue={queue.name} />}
            {hasCalls && (
              <section className="panel" aria-labelledby="backtest-title">
                <h2 id="backtest-title">Can I trust the staffing plan? Erlang C and Erlang A against what happened</h2>
                <QueryStatus {...backtest} isEmpty={(d) => (d.staffingBacktest.hours ?? []).length === 0} empty="Too few calls per hour in this period to compare.">
                  {(d) => (
                    <>
                      <p className="muted">
                        For each hour with at least {d.staffingBacktest.minCalls} calls: the agents who actually served, the calls that arrived and their handle time, fed
                        to each model; the model's service level ({formatInteger(d.staffingBacktest.answerWithinSeconds)} s) and abandonment against the real ones. Mean
                        patience estimated from this queue's abandonment: {formatDuration(d.staffingBacktest.patienceSeconds)}.
                      </p>
                      <DataTable caption="Staffing model errors" columns={errorColumns} rows={(d.staffingBacktest.errors ?? []).filter((e): e is ModelError => e !== null)} rowKey={(e) => String(e.model)} />
                    </>
                  )}
                </QueryStatus>
              </section>
            )}
          </>
        )}
      </QueryStatus>
    </>
  )
}
