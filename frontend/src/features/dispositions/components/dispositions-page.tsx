import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { AttemptFunnelQuery, DispositionsQuery } from '@/gql/graphql'
import { formatInteger, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useAttemptFunnel } from '../api/attempt-funnel'
import { useDispositions } from '../api/dispositions'

type StatusRow = DispositionsQuery['leadStatuses'][number]
type AttemptRow = NonNullable<NonNullable<NonNullable<AttemptFunnelQuery['callMetrics']['edges']>[number]>['node']>

const statusColumns: Column<StatusRow>[] = [
  { key: 'status', header: 'Status', value: (r) => r.status ?? '(none)' },
  { key: 'count', header: 'Calls', value: (r) => r.count, render: (r) => formatInteger(r.count), align: 'right' },
  { key: 'share', header: 'Share of calls', value: (r) => r.share, render: (r) => formatPercent(r.share), align: 'right' },
]

function statusChart(rows: StatusRow[], color: string): ChartOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 120, right: 48, top: 8, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatInteger(v) } },
    yAxis: { type: 'category', data: sorted.map((r) => r.status ?? '(none)') },
    series: [{ type: 'bar', data: sorted.map((r) => r.count), itemStyle: { color }, label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatPercent(sorted[p.dataIndex].share) } }],
  }
}

function StatusPanel({ title, rows, color, exportName }: { title: string; rows: StatusRow[]; color: string; exportName: string }) {
  const option = useMemo(() => statusChart(rows, color), [rows, color])
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <Chart option={option} height={Math.max(160, rows.length * 34 + 40)} label={`${title}: calls per status, share as label`} />
      <DataTable caption={title} columns={statusColumns} rows={rows} rowKey={(r) => r.status ?? '(none)'} exportName={exportName} initialSort={{ key: 'count', direction: 'desc' }} />
    </section>
  )
}

const attemptColumns: Column<AttemptRow>[] = [
  { key: 'attemptNumber', header: 'Attempt', value: (r) => r.attemptNumber },
  { key: 'totalCalls', header: 'Calls', value: (r) => r.totalCalls, render: (r) => formatInteger(r.totalCalls), align: 'right' },
  { key: 'callsConnected', header: 'Connected', value: (r) => r.callsConnected, render: (r) => formatInteger(r.callsConnected), align: 'right' },
  { key: 'connectRate', header: 'Contact rate', value: (r) => r.connectRate, render: (r) => formatPercent(r.connectRate), align: 'right' },
  { key: 'leadsConverted', header: 'Converted', value: (r) => r.leadsConverted, render: (r) => formatInteger(r.leadsConverted), align: 'right' },
  { key: 'conversionRate', header: 'Conversion rate', value: (r) => r.conversionRate, render: (r) => formatPercent(r.conversionRate), align: 'right', description: 'Leads converted on this attempt / leads called on this attempt' },
]

function AttemptFunnel() {
  const { callFilter } = useFilters()
  const query = useAttemptFunnel(callFilter)
  const rows = useMemo(() => query.data?.callMetrics.edges?.map((e) => e!.node!) ?? [], [query.data])
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['Calls', 'Contact rate', 'Conversion rate'] },
      grid: { left: 64, right: 64, top: 40, bottom: 32 },
      xAxis: { type: 'category', name: 'Attempt', data: rows.map((r) => `#${r.attemptNumber ?? '?'}`) },
      yAxis: [
        { type: 'value', name: 'Calls' },
        { type: 'value', name: 'Rate', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
      ],
      series: [
        { name: 'Calls', type: 'bar', data: rows.map((r) => r.totalCalls), itemStyle: { opacity: 0.7 } },
        { name: 'Contact rate', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.connectRate), symbol: 'circle', symbolSize: 7 },
        { name: 'Conversion rate', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.conversionRate), symbol: 'triangle', symbolSize: 9, lineStyle: { type: 'dashed' } },
      ],
    }),
    [rows],
  )
  return (
    <section className="panel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Attempt funnel: contact and conversion rate by attempt number</h2>
      <QueryStatus {...query} isEmpty={(d) => (d.callMetrics.edges?.length ?? 0) === 0}>
        {() => (
          <>
            <Chart option={option} label="Calls per attempt number (bars), contact and conversion rate (lines)" />
            <DataTable caption="Attempt funnel" columns={attemptColumns} rows={rows} rowKey={(r) => String(r.attemptNumber)} exportName="attempt-funnel" initialSort={{ key: 'attemptNumber', direction: 'asc' }} />
          </>
        )}
      </QueryStatus>
    </section>
  )
}

export default function DispositionsPage() {
  const { callFilter } = useFilters()
  const query = useDispositions(callFilter)
  return (
    <>
      <PageHeader title="Dispositions" description="How calls ended, by lead status and call status, and how each further attempt performs." />
      <QueryStatus {...query} isEmpty={(d) => d.leadStatuses.length === 0}>
        {(data) => (
          <div className="two-columns">
            <StatusPanel title="Lead status" rows={data.leadStatuses} color="var(--chart-1)" exportName="lead-status" />
            <StatusPanel title="Call status" rows={data.callStatuses} color="var(--chart-6)" exportName="call-status" />
          </div>
        )}
      </QueryStatus>
      <AttemptFunnel />
    </>
  )
}
