import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { SelectField } from '@/components/ui/select-field'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { ForecastQuery, ForecastSeriesKind } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'
import { formatDate, formatDateTime, formatInteger } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useForecast } from '../api/forecast'
import { AccuracySummary } from './accuracy-summary'

type Point = ForecastQuery['forecast']['points'][number]

const SERIES_LABELS: Record<ForecastSeriesKind, string> = { CALL_VOLUME: 'Calls per day', LEAD_CONVERSIONS: 'Leads converted per day' }

/** `total`, `advertiser:<id>` or `campaign:<id>`. */
function parseScope(scope: string): { campaignId?: string; advertiserId?: string } {
  if (scope.startsWith('campaign:')) return { campaignId: scope.slice(9) }
  if (scope.startsWith('advertiser:')) return { advertiserId: scope.slice(11) }
  return {}
}

const pointColumns: Column<Point>[] = [
  { key: 'date', header: 'Date', value: (p) => p.date, render: (p) => formatDate(p.date) },
  { key: 'value', header: 'Forecast', value: (p) => p.value, render: (p) => formatInteger(p.value), align: 'right' },
  { key: 'lo80', header: '80% low', value: (p) => p.lo80, render: (p) => formatInteger(p.lo80), align: 'right' },
  { key: 'hi80', header: '80% high', value: (p) => p.hi80, render: (p) => formatInteger(p.hi80), align: 'right' },
  { key: 'lo95', header: '95% low', value: (p) => p.lo95, render: (p) => formatInteger(p.lo95), align: 'right' },
  { key: 'hi95', header: '95% high', value: (p) => p.hi95, render: (p) => formatInteger(p.hi95), align: 'right' },
]

function forecastChart(forecast: ForecastQuery['forecast'], label: string): ChartOption {
  const actualDates = forecast.actuals.map((a) => a.date as string)
  const pointDates = forecast.points.map((p) => p.date as string)
  const dates = [...new Set([...actualDates, ...pointDates])].sort()
  const byDate = <T,>(items: T[], date: (t: T) => string) => new Map(items.map((i) => [date(i), i]))
  const actuals = byDate(forecast.actuals, (a) => a.date as string)
  const points = byDate(forecast.points, (p) => p.date as string)
  const pick = (f: (p: Point) => number) => dates.map((d) => (points.has(d) ? f(points.get(d)!) : null))
  const band = { type: 'line', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } }
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const d = dates[items[0].dataIndex]
        const a = actuals.get(d)
        const p = points.get(d)
        const lines = [formatDate(d)]
        if (a) lines.push(`Actual: ${formatInteger(a.value)}`)
        if (p) lines.push(`Forecast: ${formatInteger(p.value)}`, `80%: ${formatInteger(p.lo80)} – ${formatInteger(p.hi80)}`, `95%: ${formatInteger(p.lo95)} – ${formatInteger(p.hi95)}`)
        return lines.join('<br/>')
      },
    },
    legend: { data: ['Actual', 'Forecast', '95% band', '80% band'] },
    grid: { left: 64, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: dates, axisLabel: { formatter: (v: string) => v.slice(5) } },
    yAxis: { type: 'value', name: label, min: 0 },
    series: [
      { ...band, name: '95% base', stack: 'b95', data: pick((p) => p.lo95) },
      { ...band, name: '95% band', stack: 'b95', data: pick((p) => p.hi95 - p.lo95), areaStyle: { color: 'rgba(37, 99, 235, 0.12)' }, itemStyle: { color: 'rgba(37, 99, 235, 0.2)' } },
      { ...band, name: '80% base', stack: 'b80', data: pick((p) => p.lo80) },
      { ...band, name: '80% band', stack: 'b80', data: pick((p) => p.hi80 - p.lo80), areaStyle: { color: 'rgba(37, 99, 235, 0.25)' }, itemStyle: { color: 'rgba(37, 99, 235, 0.45)' } },
      { name: 'Actual', type: 'line', data: dates.map((d) => actuals.get(d)?.value ?? null), symbol: 'none', lineStyle: { color: 'var(--chart-ink)', width: 2 }, itemStyle: { color: 'var(--chart-ink)' } },
      { name: 'Forecast', type: 'line', data: pick((p) => p.value), symbol: 'none', lineStyle: { color: 'var(--chart-1)', width: 2, type: 'dashed' }, itemStyle: { color: 'var(--chart-1)' } },
    ],
  }
}

export default function ForecastsPage() {
  const { filters } = useFilters()
  const [series, setSeries] = useUrlParam('series', 'CALL_VOLUME')
  const [scope, setScope] = useUrlParam('scope', 'total')
  const seriesKind = (series in SERIES_LABELS ? series : 'CALL_VOLUME') as ForecastSeriesKind
  const dimensions = useDimensions()
  const scopeArgs = useMemo(() => parseScope(scope), [scope])
  const query = useForecast(seriesKind, scopeArgs)
  const option = useMemo(() => (query.data ? forecastChart(query.data.forecast, SERIES_LABELS[seriesKind]) : null), [query.data, seriesKind])

  return (
    <>
      <PageHeader
        title="Forecasts"
        description="Calls and conversions for the next 30 days with 80% and 95% bands, over the last 60 days of actuals. Forecasts are refreshed by the scheduled job; the global date filter does not apply here."
      />
      <form className="toolbar" aria-label="Forecast choices" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="forecast-series" label="Series" value={seriesKind} options={SERIES_LABELS} onChange={setSeries} />
        <div className="field">
          <label htmlFor="forecast-scope">Scope</label>
          <select id="forecast-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="total">All calls</option>
            <optgroup label="Advertisers">
              {(dimensions.data?.advertisers ?? []).map((a) => (
                <option key={a.advertiserId} value={`advertiser:${a.advertiserId}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Campaigns">
              {(dimensions.data?.campaigns ?? []).map((c) => (
                <option key={c.campaignId} value={`campaign:${c.campaignId}`}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      </form>
      <QueryStatus {...query} isEmpty={(d) => d.forecast.points.length === 0} empty="No forecast for this scope yet.">
        {(data) => (
          <>
            <section className="panel" aria-labelledby="forecast-title">
              <h2 id="forecast-title">
                {SERIES_LABELS[seriesKind]}: next {data.forecast.points.length} days
              </h2>
              <p className="muted">
                Made {formatDateTime(data.forecast.generatedAt, filters.timeZone)} from data as of {formatDateTime(data.forecast.asOf, filters.timeZone)} ({filters.timeZone}).
              </p>
              {option && <Chart option={option} height={340} label={`${SERIES_LABELS[seriesKind]}: actuals (solid), forecast (dashed), 80% and 95% bands (shaded)`} />}
            </section>
            <div className="two-columns">
              <section className="panel" aria-labelledby="accuracy-title">
                <h2 id="accuracy-title">How far to trust it</h2>
                <AccuracySummary model={data.forecast.model} accuracy={data.forecast.accuracy} />
              </section>
              <section className="panel" aria-labelledby="points-title">
                <h2 id="points-title">Forecast per day</h2>
                <DataTable caption="Forecast per day" columns={pointColumns} rows={data.forecast.points} rowKey={(p) => String(p.date)} exportName={`forecast-${seriesKind.toLowerCase()}-${scope.replace(':', '-')}`} />
              </section>
            </div>
          </>
        )}
      </QueryStatus>
    </>
  )
}
