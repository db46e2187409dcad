import { Link } from 'react-router-dom'
import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { SelectField } from '@/components/ui/select-field'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { KpiTile } from '@/components/ui/kpi-tile'
import { QueryStatus } from '@/components/ui/states'
import type { LeadQualityDimension, LeadQualityFunnelQuery } from '@/gql/graphql'
import { formatDate, formatInteger, formatPercent } from '@/lib/format'
import { useUrlParam } from '@/lib/use-filters'
import { useLeadQualityFunnel } from '../api/lead-quality-funnel'

type Row = LeadQualityFunnelQuery['breakdown'][number]

const GROUPS: Record<string, { label: string; key: (r: Row) => string | null | undefined }> = {
  CAMPAIGN: { label: 'Campaign', key: (r) => r.campaignName ?? r.campaignId },
  ADVERTISER: { label: 'Advertiser', key: (r) => r.advertiserName ?? r.advertiserId },
  AGENT: { label: 'Converting agent', key: (r) => r.agentName ?? r.agentId },
  STATE: { label: 'State', key: (r) => r.state },
  CITY: { label: 'City', key: (r) => r.city },
  ENTRY_MONTH: { label: 'Entry month', key: (r) => r.entryMonth?.slice(0, 7) },
  DISPO: { label: 'Dispo', key: (r) => r.dispo },
  JOB_STATUS: { label: 'Job status', key: (r) => r.jobStatus },
}

function columns(group: string): Column<Row>[] {
  const g = GROUPS[group]
  return [
    { key: 'group', header: g.label, value: (r) => g.key(r) ?? '(unknown)' },
    { key: 'deliveredLeads', header: 'Delivered', value: (r) => r.deliveredLeads, render: (r) => formatInteger(r.deliveredLeads), align: 'right', description: 'Our delivered leads (the lead file), each counted once' },
    { key: 'matchedLeads', header: 'Matched', value: (r) => r.matchedLeads, render: (r) => formatInteger(r.matchedLeads), align: 'right', description: 'Delivered leads found in the report by hashed e-mail and phone' },
    { key: 'appointmentsSet', header: 'Appointments', value: (r) => r.appointmentsSet, render: (r) => formatInteger(r.appointmentsSet), align: 'right' },
    { key: 'demos', header: 'Demos', value: (r) => r.demos, render: (r) => formatInteger(r.demos), align: 'right' },
    { key: 'sales', header: 'Sales', value: (r) => r.sales, render: (r) => formatInteger(r.sales), align: 'right' },
    { key: 'conversionRate', header: 'Set rate', value: (r) => r.conversionRate, render: (r) => formatPercent(r.conversionRate), align: 'right', description: 'Appointments set / delivered' },
    { key: 'demoRate', header: 'Demo rate', value: (r) => r.demoRate, render: (r) => formatPercent(r.demoRate), align: 'right', description: 'Demos / appointments set' },
    { key: 'saleRate', header: 'Sale rate', value: (r) => r.saleRate, render: (r) => formatPercent(r.saleRate), align: 'right', description: 'Sales / delivered' },
    { key: 'unmatchedReportLeads', header: 'Not ours', value: (r) => r.unmatchedReportLeads, render: (r) => formatInteger(r.unmatchedReportLeads), align: 'right', description: 'Report lead numbers matching none of our delivered leads (not in the funnel)' },
  ]
}

export default function LeadQualityPage() {
  const [source, setSource] = useUrlParam('source', 'default')
  const [asOf, setAsOf] = useUrlParam('asOf', '')
  const [group, setGroup] = useUrlParam('by', 'CAMPAIGN')
  const groupBy = (group in GROUPS ? group : 'CAMPAIGN') as LeadQualityDimension
  const filter = useMemo(() => ({ source, asOf: asOf || null }), [source, asOf])
  const query = useLeadQualityFunnel(filter, groupBy)
  const cols = useMemo(() => columns(groupBy), [groupBy])

  const sources = [...new Set((query.data?.crmSnapshots ?? []).map((s) => s.source ?? 'default'))]
  const breakdownChart = useMemo<ChartOption | null>(() => {
    const rows = [...(query.data?.breakdown ?? [])].sort((a, b) => b.deliveredLeads - a.deliveredLeads).slice(0, 15)
    if (rows.length === 0) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Set rate', 'Sale rate'] },
      grid: { left: 56, right: 24, top: 40, bottom: 90 },
      xAxis: { type: 'category', data: rows.map((r) => GROUPS[groupBy].key(r) ?? '(unknown)'), axisLabel: { interval: 0, rotate: 25 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        { name: 'Set rate', type: 'bar', data: rows.map((r) => r.conversionRate) },
        { name: 'Sale rate', type: 'bar', data: rows.map((r) => r.saleRate) },
      ],
    }
  }, [query.data, groupBy])
  const trendChart = useMemo<ChartOption | null>(() => {
    const rows = query.data?.trend ?? []
    if (rows.length === 0) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Delivered', 'Appointments', 'Demos', 'Sales'] },
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.snapshotDate).slice(5)) },
      yAxis: { type: 'value' },
      series: [
        { name: 'Delivered', type: 'line', data: rows.map((r) => r.deliveredLeads) },
        { name: 'Appointments', type: 'line', data: rows.map((r) => r.appointmentsSet) },
        { name: 'Demos', type: 'line', data: rows.map((r) => r.demos) },
        { name: 'Sales', type: 'line', data: rows.map((r) => r.sales) },
      ],
    }
  }, [query.data])

  return (
    <>
      <PageHeader
        title="Lead quality"
        description="What became of the leads we delivered, from the advertisers' CRM reports matched by hashed e-mail and phone. Each lead counts once, at the furthest stage of its latest report row. The global filters do not apply here."
      />
      <form className="toolbar" aria-label="Lead quality choices" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="lq-source" label="Report source" value={source} options={sources.length ? sources : ['default']} onChange={setSource} />
        <div className="field">
          <label htmlFor="lq-asof">As of (latest snapshot on or before)</label>
          <input id="lq-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value || null)} />
        </div>
        <div className="field">
          <label htmlFor="lq-group">Break down by</label>
          <select id="lq-group" value={groupBy} onChange={(e) => setGroup(e.target.value)}>
            {Object.entries(GROUPS).map(([value, g]) => (
              <option key={value} value={value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryStatus {...query} isEmpty={(d) => !d.crmSnapshots.some((s) => (s.source ?? 'default') === source)} empty={<>No CRM report loaded for this source yet: an administrator loads one on the Ingest page (<Link to="/ingest?kind=crm-snapshots">CRM snapshots</Link>).</>}>
        {(data) => {
          const t = data.total[0]
          return (
            <>
              <div className="kpi-grid">
                <KpiTile label="Delivered leads" value={t.deliveredLeads} format={formatInteger} />
                <KpiTile label="Matched" value={t.matchedLeads} format={formatInteger} hint="Delivered leads found in the report (by hash pair)" />
                <KpiTile label="Appointments set" value={t.appointmentsSet} format={formatInteger} />
                <KpiTile label="Demos" value={t.demos} format={formatInteger} />
                <KpiTile label="Sales" value={t.sales} format={formatInteger} />
                <KpiTile label="Set rate" value={t.conversionRate} format={formatPercent} hint="Appointments set / delivered" />
                <KpiTile label="Sale rate" value={t.saleRate} format={formatPercent} hint="Sales / delivered" />
                <KpiTile label="Report leads not ours" value={t.unmatchedReportLeads} format={formatInteger} hint="Lead numbers in the report matching none of our delivered leads: left out of the funnel" />
              </div>
              <div className="two-columns">
                <section className="panel" aria-labelledby="lq-breakdown-title">
                  <h2 id="lq-breakdown-title">Set and sale rate by {GROUPS[groupBy].label.toLowerCase()}</h2>
                  {breakdownChart && <Chart option={breakdownChart} label={`Set rate and sale rate by ${GROUPS[groupBy].label}`} />}
                </section>
                <section className="panel" aria-labelledby="lq-trend-title">
                  <h2 id="lq-trend-title">Funnel per snapshot</h2>
                  {trendChart && <Chart option={trendChart} label="Delivered, appointments, demos and sales in each snapshot" />}
                </section>
              </div>
              <section className="panel" aria-labelledby="lq-table-title">
                <h2 id="lq-table-title">
                  Funnel by {GROUPS[groupBy].label.toLowerCase()}
                  {asOf ? ` as of ${formatDate(asOf)}` : ''}
                </h2>
                <DataTable caption="Lead quality breakdown" columns={cols} rows={data.breakdown} rowKey={(r) => String(GROUPS[groupBy].key(r))} exportName={`lead-quality-by-${groupBy.toLowerCase()}`} initialSort={{ key: 'deliveredLeads', direction: 'desc' }} />
              </section>
            </>
          )
        }}
      </QueryStatus>
    </>
  )
}
