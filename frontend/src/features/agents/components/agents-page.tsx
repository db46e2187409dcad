import { useMemo } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { AgentEfficiencyQuery, AgentPerformanceQuery } from '@/gql/graphql'
import { formatDate, formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useAgentEfficiency } from '../api/agent-efficiency'
import { useAgentPerformance } from '../api/agent-performance'

type Row = AgentPerformanceQuery['agentPerformance'][number] & { rank: number }
type Estimate = AgentEfficiencyQuery['agentEfficiencyForecast'][number]['callsPerHour']

/** Rank by leads converted, then success rate: the floor's usual "who closes most" ordering. */
function ranked(rows: AgentPerformanceQuery['agentPerformance']): Row[] {
  return [...rows]
    .sort((a, b) => (b.leadsConverted ?? 0) - (a.leadsConverted ?? 0) || (b.successRate ?? 0) - (a.successRate ?? 0))
    .map((r, i) => ({ ...r, rank: i + 1 }))
}

function EstimateRow({ label, estimate, format }: { label: string; estimate: Estimate; format: (v: number | null | undefined) => string }) {
  if (!estimate) return null
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{format(estimate.value)}</td>
      <td className="num">
        {format(estimate.lo80)} – {format(estimate.hi80)}
      </td>
      <td className="num">{format(estimate.agentValue)}</td>
      <td className="num">{format(estimate.teamValue)}</td>
      <td className="num">{formatPercent(estimate.weight)}</td>
    </tr>
  )
}

function EfficiencyPanel({ agentId }: { agentId: string }) {
  const query = useAgentEfficiency(agentId)
  return (
    <section className="panel" aria-labelledby="efficiency-title">
      <QueryStatus {...query} isEmpty={(d) => d.agentEfficiencyForecast.length === 0} empty="No efficiency forecast for this agent yet: forecasts are refreshed by the scheduled job.">
        {(data) => {
          const f = data.agentEfficiencyForecast[0]
          return (
            <>
              <h2 id="efficiency-title">Efficiency forecast: {f.agentName ?? f.agentId}</h2>
              <p className="muted">
                Expected for the next period, from {f.historyDays} days of history ({formatDate(f.periodFrom)} – {formatDate(f.periodTo)}). An agent with little history
                leans on the team's figure: the weight says how much of the estimate is the agent's own record.
              </p>
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">Efficiency forecast</caption>
                  <thead>
                    <tr>
                      <th scope="col">Measure</th>
                      <th scope="col" className="num">Forecast</th>
                      <th scope="col" className="num">80% range</th>
                      <th scope="col" className="num">Agent's own</th>
                      <th scope="col" className="num">Team</th>
                      <th scope="col" className="num">Agent weight</th>
                    </tr>
                  </thead>
                  <tbody>
                    <EstimateRow label="Calls per hour" estimate={f.callsPerHour} format={(v) => formatDecimal(v)} />
                    <EstimateRow label="Success rate" estimate={f.successRate} format={formatPercent} />
                    <EstimateRow label="AHT" estimate={f.aht} format={formatDuration} />
                  </tbody>
                </table>
              </div>
            </>
          )
        }}
      </QueryStatus>
    </section>
  )
}

export default function AgentsPage() {
  const { callFilter } = useFilters()
  const location = useLocation()
  const [selected, setSelected] = useUrlParam('agent', '')
  const query = useAgentPerformance(callFilter)
  const rows = useMemo(() => ranked(query.data?.agentPerformance ?? []), [query.data])

  const columns = useMemo<Column<Row>[]>(() => {
    const callsLink = (agentId: string) => {
      const params = new URLSearchParams(location.search)
      params.delete('agent')
      params.set('agents', agentId)
      return `/calls?${params.toString()}`
    }
    return [
      { key: 'rank', header: 'Rank', value: (r) => r.rank, align: 'right', description: 'By leads converted, then success rate' },
      {
        key: 'agent',
        header: 'Agent',
        value: (r) => r.agentName ?? r.agentId,
        render: (r) => (
          <button type="button" className="link-button" onClick={() => setSelected(r.agentId ?? '')} aria-pressed={selected === r.agentId}>
            {r.agentName ?? r.agentId}
          </button>
        ),
      },
      { key: 'team', header: 'Team', value: (r) => r.team },
      { key: 'callsMade', header: 'Calls', value: (r) => r.callsMade, render: (r) => <Link to={callsLink(r.agentId ?? '')}>{formatInteger(r.callsMade)}</Link>, align: 'right' },
      { key: 'callsConnected', header: 'Connected', value: (r) => r.callsConnected, render: (r) => formatInteger(r.callsConnected), align: 'right' },
      { key: 'leadsConverted', header: 'Converted', value: (r) => r.leadsConverted, render: (r) => formatInteger(r.leadsConverted), align: 'right' },
      { key: 'leadsReturned', header: 'Returned', value: (r) => r.leadsReturned, render: (r) => formatInteger(r.leadsReturned), align: 'right', description: 'Verified leads from this agent that the advertiser returned' },
      { key: 'returnRate', header: 'Return rate', value: (r) => r.returnRate, render: (r) => formatPercent(r.returnRate), align: 'right', description: 'Returned / verified leads' },
      { key: 'successRate', header: 'Success rate', value: (r) => r.successRate, render: (r) => formatPercent(r.successRate), align: 'right', description: 'Leads converted / calls connected' },
      { key: 'callsPerHour', header: 'Calls / hour', value: (r) => r.callsPerHour, render: (r) => formatDecimal(r.callsPerHour), align: 'right' },
      { key: 'aht', header: 'AHT', value: (r) => r.aht, render: (r) => formatDuration(r.aht), align: 'right' },
      { key: 'avgCustomerCallDuration', header: 'Avg talk time', value: (r) => r.avgCustomerCallDuration, render: (r) => formatDuration(r.avgCustomerCallDuration), align: 'right' },
    ]
  }, [location.search, selected, setSelected])

  return (
    <>
      <PageHeader title="Agents" description="Agent performance and ranking for the filters above. Choose an agent for their efficiency forecast; the call count leads to their calls." />
      <QueryStatus {...query} isEmpty={(d) => d.agentPerformance.length === 0}>
        {() => (
          <div className={selected ? 'split' : undefined}>
            <section className="panel">
              <DataTable
                caption="Agent performance"
                columns={columns}
                rows={rows}
                rowKey={(r) => r.agentId ?? ''}
                exportName="agent-performance"
                initialSort={{ key: 'rank', direction: 'asc' }}
                selectedKey={selected || null}
              />
            </section>
            {selected && <EfficiencyPanel agentId={selected} />}
          </div>
        )}
      </QueryStatus>
    </>
  )
}
