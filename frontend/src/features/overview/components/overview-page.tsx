import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { KpiTile } from '@/components/ui/kpi-tile'
import { QueryStatus } from '@/components/ui/states'
import { daysBetween, addDays } from '@/lib/dates'
import { previousPeriod, toCallFilter } from '@/lib/filters'
import { formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useOverview } from '../api/overview'

type OverviewQuery = ReturnType<typeof useOverview>
type Bucket = 'DAY' | 'WEEK' | 'MONTH'

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function KpiTiles({ query, withPrevious }: { query: OverviewQuery; withPrevious: boolean }) {
  return (
    <QueryStatus {...query}>
      {(data) => {
        const now = data.current.edges?.[0]?.node
        const before = withPrevious ? (data.previous?.edges?.[0]?.node ?? null) : undefined
        const prev = (pick: (n: NonNullable<typeof now>) => number | null | undefined) =>
          before === undefined ? undefined : before === null ? null : (pick(before) ?? null)
        return (
          <div className="kpi-grid">
            <KpiTile label="Calls" value={now?.totalCalls} previous={prev((n) => n.totalCalls)} format={formatInteger} higherIsBetter={null} />
            <KpiTile label="Connect rate" value={now?.connectRate} previous={prev((n) => n.connectRate)} format={formatPercent} change="points" hint="Connected calls / calls" />
            <KpiTile label="Leads converted" value={now?.leadsConverted} previous={prev((n) => n.leadsConverted)} format={formatInteger} hint="Distinct leads with a call whose lead status is Interested" />
            <KpiTile label="Qualified leads" value={now?.qualifiedLeads} previous={prev((n) => n.qualifiedLeads)} format={formatInteger} hint="Converted leads that meet their advertiser's criteria" />
            <KpiTile label="Conversion rate" value={now?.conversionRate} previous={prev((n) => n.conversionRate)} format={formatPercent} change="points" hint="Leads converted / unique leads called" />
            <KpiTile label="AHT" value={now?.aht} previous={prev((n) => n.aht)} format={formatDuration} higherIsBetter={null} hint="Average handle time of connected calls (agent time)" />
          </div>
        )
      }}
    </QueryStatus>
  )
}

function Trend({ query, bucket, timeZone }: { query: OverviewQuery; bucket: Bucket; timeZone: string }) {
  const option = useMemo<ChartOption | null>(() => {
    const rows = query.data?.trend.edges?.map((e) => e!.node!) ?? []
    const labels = rows.map((r) => new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: 'short', year: bucket === 'DAY' ? undefined : '2-digit' }).format(new Date(r.bucketStart!)))
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Calls', 'Leads converted'] },
      grid: { left: 56, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: 'Calls' },
        { type: 'value', name: 'Converted', splitLine: { show: false } },
      ],
      series: [
        { name: 'Calls', type: 'bar', data: rows.map((r) => r.totalCalls), itemStyle: { opacity: 0.75 } },
        { name: 'Leads converted', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.leadsConverted), symbol: 'circle', symbolSize: 5, lineStyle: { width: 2 } },
      ],
    }
  }, [query.data, timeZone, bucket])
  return (
    <section className="panel" aria-labelledby="trend-title">
      <h2 id="trend-title">Calls and conversions per {bucket.toLowerCase()}</h2>
      <QueryStatus {...query} isEmpty={(d) => (d.trend.edges?.length ?? 0) === 0}>
        {() => option && <Chart option={option} label={`Calls (bars) and leads converted (line) per ${bucket.toLowerCase()}`} />}
      </QueryStatus>
    </section>
  )
}

function ConnectHeatmap({ query, timeZone }: { query: OverviewQuery; timeZone: string }) {
  const option = useMemo<ChartOption | null>(() => {
    const rows = query.data?.heatmap.edges?.map((e) => e!.node!) ?? []
    const hours = [...new Set(rows.map((r) => r.hourOfDay!))].sort((a, b) => a - b)
    if (hours.length === 0) return null
    const hourRange = Array.from({ length: hours[hours.length - 1] - hours[0] + 1 }, (_, i) => hours[0] + i)
    const data = rows.map((r) => [hourRange.indexOf(r.hourOfDay!), r.dayOfWeek! - 1, r.connectRate === null || r.connectRate === undefined ? null : Math.round(r.connectRate * 1000) / 10, r.totalCalls])
    const rates = data.map((d) => d[2]).filter((r): r is number => r !== null)
    if (rates.length === 0) return null
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number | null, number] }) =>
          `${DAY_NAMES[p.value[1]]} ${String(hourRange[p.value[0]]).padStart(2, '0')}:00<br/>Connect rate ${p.value[2] ?? '–'}%<br/>${formatInteger(p.value[3])} calls`,
      },
      grid: { left: 48, right: 24, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: hourRange.map((h) => `${String(h).padStart(2, '0')}:00`), splitArea: { show: true } },
      yAxis: { type: 'category', data: DAY_NAMES, inverse: true, splitArea: { show: true } },
      // Colour by the rate (dimension 2), not the call count; the scale spans the rates seen, for contrast.
      visualMap: { dimension: 2, min: Math.floor(Math.min(...rates)), max: Math.ceil(Math.max(...rates, 1)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['high %', 'low %'], inRange: { color: ['var(--heat-low)', 'var(--heat-high)'] } },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: [number, number, number | null] }) => (p.value[2] === null ? '' : `${Math.round(p.value[2])}`), fontSize: 10 } }],
    }
  }, [query.data])
  return (
    <section className="panel" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">Connect rate by hour of day and day of week ({timeZone}), %</h2>
      <QueryStatus {...query} isEmpty={(d) => (d.heatmap.edges?.length ?? 0) === 0}>
        {() => option && <Chart option={option} height={320} label="Connect rate (percent, number in each cell) by hour of day and day of week" />}
      </QueryStatus>
    </section>
  )
}

/** One request for every tile, the trend and the heatmap (not one per tile). */
export default function OverviewPage() {
  const { filters, callFilter } = useFilters()
  const previous = useMemo(() => {
    const p = previousPeriod(filters)
    return p ? toCallFilter(p) : null
  }, [filters])
  const days = filters.from && filters.to ? daysBetween(filters.from, addDays(filters.to, 1)) : 9999
  const bucket: Bucket = days <= 120 ? 'DAY' : days <= 730 ? 'WEEK' : 'MONTH'
  const query = useOverview(callFilter, previous, filters.timeZone, bucket)
  return (
    <>
      <PageHeader title="Overview" description="The floor at a glance for the filters above, against the period of the same length just before." />
      <KpiTiles query={query} withPrevious={previous !== null} />
      <div className="two-columns">
        <Trend query={query} bucket={bucket} timeZone={filters.timeZone} />
        <ConnectHeatmap query={query} timeZone={filters.timeZone} />
      </div>
    </>
  )
}
