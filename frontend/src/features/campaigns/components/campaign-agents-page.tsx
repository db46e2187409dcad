import { useMemo } from 'react'
import { Link, useLocation, useParams } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { CampaignAgentsQuery } from '@/gql/graphql'
import { formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useCampaignAgents } from '../api/campaign-agents'

type Row = CampaignAgentsQuery['agentPerformance'][number]

/** Drill-down: a campaign's agents; each agent leads to the calls behind the numbers. */
export default function CampaignAgentsPage() {
  const { campaignId = '' } = useParams()
  const { callFilter } = useFilters()
  const location = useLocation()
  const filter = useMemo(() => ({ ...callFilter, campaignIds: [campaignId] }), [callFilter, campaignId])
  const query = useCampaignAgents(filter)
  const campaign = query.data?.campaigns.find((c) => c.campaignId === campaignId)

  const columns = useMemo<Column<Row>[]>(() => {
    const callsLink = (agentId: string) => {
      const params = new URLSearchParams(location.search)
      params.set('campaigns', campaignId)
      params.set('agents', agentId)
      return `/calls?${params.toString()}`
    }
    return [
      { key: 'agent', header: 'Agent', value: (r) => r.agentName ?? r.agentId, render: (r) => <Link to={callsLink(r.agentId ?? '')}>{r.agentName ?? r.agentId}</Link> },
      { key: 'team', header: 'Team', value: (r) => r.team },
      { key: 'callsMade', header: 'Calls', value: (r) => r.callsMade, render: (r) => formatInteger(r.callsMade), align: 'right' },
      { key: 'callsConnected', header: 'Connected', value: (r) => r.callsConnected, render: (r) => formatInteger(r.callsConnected), align: 'right' },
      { key: 'leadsConverted', header: 'Converted', value: (r) => r.leadsConverted, render: (r) => formatInteger(r.leadsConverted), align: 'right' },
      { key: 'successRate', header: 'Success rate', value: (r) => r.successRate, render: (r) => formatPercent(r.successRate), align: 'right', description: 'Leads converted / calls connected' },
      { key: 'callsPerHour', header: 'Calls / hour', value: (r) => r.callsPerHour, render: (r) => formatDecimal(r.callsPerHour), align: 'right' },
      { key: 'aht', header: 'AHT', value: (r) => r.aht, render: (r) => formatDuration(r.aht), align: 'right' },
    ]
  }, [location.search, campaignId])

  const back = new URLSearchParams(location.search)
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={{ pathname: '/campaigns', search: back.toString() }}>Campaigns</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{campaign?.name ?? campaignId}</span>
      </nav>
      <PageHeader title={`Agents on ${campaign?.name ?? campaignId}`} description="Choose an agent to see the calls behind the numbers." />
      <QueryStatus {...query} isEmpty={(d) => d.agentPerformance.length === 0} empty="No agent called for this campaign with these filters.">
        {(data) => (
          <section className="panel">
            <DataTable
              caption={`Agent performance on ${campaign?.name ?? campaignId}`}
              columns={columns}
              rows={data.agentPerformance}
              rowKey={(r) => r.agentId ?? ''}
              exportName={`campaign-${campaignId}-agents`}
              initialSort={{ key: 'callsMade', direction: 'desc' }}
            />
          </section>
        )}
      </QueryStatus>
    </>
  )
}
