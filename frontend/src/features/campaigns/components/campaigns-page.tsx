import { useMemo } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { CampaignPerformanceQuery } from '@/gql/graphql'
import { formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useCampaignPerformance } from '../api/campaign-performance'

type Row = CampaignPerformanceQuery['campaignPerformance'][number]

function columns(search: string): Column<Row>[] {
  return [
    {
      key: 'campaign',
      header: 'Campaign',
      value: (r) => r.campaignName ?? r.campaignId,
      render: (r) => <Link to={{ pathname: `/campaigns/${encodeURIComponent(r.campaignId ?? '')}`, search }}>{r.campaignName ?? r.campaignId}</Link>,
    },
    { key: 'advertiserId', header: 'Advertiser', value: (r) => r.advertiserId },
    { key: 'totalCalls', header: 'Calls', value: (r) => r.totalCalls, render: (r) => formatInteger(r.totalCalls), align: 'right' },
    { key: 'uniqueLeads', header: 'Unique leads', value: (r) => r.uniqueLeads, render: (r) => formatInteger(r.uniqueLeads), align: 'right' },
    { key: 'callsConnected', header: 'Connected', value: (r) => r.callsConnected, render: (r) => formatInteger(r.callsConnected), align: 'right' },
    { key: 'uniqueCallsConnected', header: 'Leads connected', value: (r) => r.uniqueCallsConnected, render: (r) => formatInteger(r.uniqueCallsConnected), align: 'right', description: 'Distinct leads with a connected call' },
    { key: 'connectRate', header: 'Connect rate', value: (r) => r.connectRate, render: (r) => formatPercent(r.connectRate), align: 'right' },
    { key: 'leadsConverted', header: 'Converted', value: (r) => r.leadsConverted, render: (r) => formatInteger(r.leadsConverted), align: 'right' },
    { key: 'qualifiedLeads', header: 'Qualified', value: (r) => r.qualifiedLeads, render: (r) => formatInteger(r.qualifiedLeads), align: 'right' },
    { key: 'leadsReturned', header: 'Returned', value: (r) => r.leadsReturned, render: (r) => formatInteger(r.leadsReturned), align: 'right', description: 'Verified leads the advertiser returned' },
    { key: 'returnRate', header: 'Return rate', value: (r) => r.returnRate, render: (r) => formatPercent(r.returnRate), align: 'right', description: 'Returned / verified leads' },
    { key: 'leadsLost', header: 'Lost', value: (r) => r.leadsLost, render: (r) => formatInteger(r.leadsLost), align: 'right' },
    { key: 'conversionRate', header: 'Conversion rate', value: (r) => r.conversionRate, render: (r) => formatPercent(r.conversionRate), align: 'right' },
    { key: 'avgAgentCallDuration', header: 'Avg agent time', value: (r) => r.avgAgentCallDuration, render: (r) => formatDuration(r.avgAgentCallDuration), align: 'right' },
    { key: 'avgCustomerCallDuration', header: 'Avg talk time', value: (r) => r.avgCustomerCallDuration, render: (r) => formatDuration(r.avgCustomerCallDuration), align: 'right' },
  ]
}

export default function CampaignsPage() {
  const { callFilter } = useFilters()
  const location = useLocation()
  const query = useCampaignPerformance(callFilter)
  const cols = useMemo(() => columns(location.search), [location.search])
  const option = useMemo<ChartOption | null>(() => {
    const rows = query.data?.campaignPerformance ?? []
    const names = rows.map((r) => r.campaignName ?? r.campaignId)
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Calls', 'Leads converted', 'Conversion rate'] },
      grid: { left: 56, right: 56, top: 40, bottom: 80 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: [
        { type: 'value', name: 'Count' },
        { type: 'value', name: 'Conversion', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
      ],
      series: [
        { name: 'Calls', type: 'bar', data: rows.map((r) => r.totalCalls) },
        { name: 'Leads converted', type: 'bar', data: rows.map((r) => r.leadsConverted) },
        { name: 'Conversion rate', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.conversionRate), symbol: 'diamond', symbolSize: 9 },
      ],
    }
  }, [query.data])
  return (
    <>
      <PageHeader title="Campaigns" description="Campaign performance for the filters above. Choose a campaign to see its agents, then their calls." />
      <QueryStatus {...query} isEmpty={(d) => d.campaignPerformance.length === 0}>
        {(data) => (
          <>
            <section className="panel" aria-labelledby="campaign-chart-title">
              <h2 id="campaign-chart-title">Calls, conversions and conversion rate per campaign</h2>
              {option && <Chart option={option} label="Calls and leads converted (bars) and conversion rate (line) per campaign" />}
            </section>
            <section className="panel" aria-labelledby="campaign-table-title">
              <h2 id="campaign-table-title">Campaign performance</h2>
              <DataTable
                caption="Campaign performance"
                columns={cols}
                rows={data.campaignPerformance}
                rowKey={(r) => r.campaignId ?? ''}
                exportName="campaign-performance"
                initialSort={{ key: 'totalCalls', direction: 'desc' }}
              />
            </section>
          </>
        )}
      </QueryStatus>
    </>
  )
}
