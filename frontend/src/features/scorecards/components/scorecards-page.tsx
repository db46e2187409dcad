import { useMemo } from 'react'
import { Link } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { ScorecardsQuery } from '@/gql/graphql'
import { formatDecimal, formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { useUrlParam } from '@/lib/use-filters'
import { useScorecards } from '../api/scorecards'

type Agent = ScorecardsQuery['agents'][number]
type Bottleneck = ScorecardsQuery['agentBottlenecks'][number]

function tierClass(tier: string | null | undefined): string {
  if (!tier) return 'badge badge-info'
  if (tier.startsWith('Top')) return 'badge badge-top'
  if (tier.startsWith('Exceeds')) return 'badge badge-info'
  if (tier.startsWith('Needs')) return 'badge badge-error'
  return 'badge badge-warning'
}

export default function ScorecardsPage() {
  const [from, setFrom] = useUrlParam('scFrom', '')
  const [to, setTo] = useUrlParam('scTo', '')
  const [team, setTeam] = useUrlParam('team', '')
  const filter = useMemo(() => ({ from: from || null, to: to || null, teams: team ? [team] : null }), [from, to, team])
  const query = useScorecards(filter)

  const agentColumns: Column<Agent>[] = [
    {
      key: 'agent',
      header: 'Agent',
      value: (a) => a.agentName ?? a.agentId,
      render: (a) => (
        <Link to={`/agents?agent=${encodeURIComponent(a.agentId ?? '')}`} title="Outbound performance and efficiency forecast">
          {a.agentName ?? a.agentId}
        </Link>
      ),
    },
    { key: 'team', header: 'Team', value: (a) => a.team },
    { key: 'compositeScore', header: 'Score', value: (a) => a.compositeScore, render: (a) => formatDecimal(a.compositeScore), align: 'right' },
    { key: 'tier', header: 'Tier', value: (a) => a.tier, render: (a) => <span className={tierClass(a.tier)}>{a.tier ?? '–'}</span> },
    { key: 'adherence', header: 'Adherence', value: (a) => a.adherence, render: (a) => formatPercent(a.adherence), align: 'right' },
    { key: 'qualityScore', header: 'Quality', value: (a) => a.qualityScore, render: (a) => formatDecimal(a.qualityScore), align: 'right' },
    { key: 'csat', header: 'CSAT', value: (a) => a.csat, render: (a) => formatDecimal(a.csat), align: 'right' },
    { key: 'fcr', header: 'FCR', value: (a) => a.fcr, render: (a) => formatPercent(a.fcr), align: 'right' },
    { key: 'ahtSeconds', header: 'AHT', value: (a) => a.ahtSeconds, render: (a) => formatDuration(a.ahtSeconds), align: 'right' },
    { key: 'acwSeconds', header: 'ACW', value: (a) => a.acwSeconds, render: (a) => formatDuration(a.acwSeconds), align: 'right' },
    { key: 'outboundAhtSeconds', header: 'Outbound AHT', value: (a) => a.outboundAhtSeconds, render: (a) => formatDuration(a.outboundAhtSeconds), align: 'right', description: 'From the outbound call data, same days' },
    { key: 'days', header: 'Days', value: (a) => a.days, align: 'right' },
  ]
  const bottleneckColumns: Column<Bottleneck>[] = [
    { key: 'agent', header: 'Agent', value: (b) => b.agentName ?? b.agentId },
    { key: 'team', header: 'Team', value: (b) => b.team },
    { key: 'day', header: 'Day', value: (b) => b.day ?? 'whole period' },
    { key: 'metric', header: 'Metric', value: (b) => b.metric },
    { key: 'robustZ', header: 'Robust z', value: (b) => b.robustZ, render: (b) => formatDecimal(b.robustZ), align: 'right' },
    { key: 'reason', header: 'Why', value: (b) => b.reason },
  ]

  const trendChart = useMemo<ChartOption | null>(() => {
    const rows = query.data?.trend ?? []
    if (rows.length === 0) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Composite score', 'Quality', 'CSAT'] },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.periodStart)) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: 'Composite score', type: 'line', data: rows.map((r) => r.compositeScore), lineStyle: { width: 3 } },
        { name: 'Quality', type: 'line', data: rows.map((r) => r.qualityScore) },
        { name: 'CSAT', type: 'line', data: rows.map((r) => r.csat) },
      ],
    }
  }, [query.data])

  const teams = [...new Set((query.data?.teams ?? []).map((t) => t.team).filter((t): t is string => !!t))]

  return (
    <>
      <PageHeader title="Agent scorecards" description="Adherence, quality, CSAT, FCR, handle time and after-call work per agent and team, a composite score with tiers, weekly trends, and agents whose handle time stands out from their team." />
      <form className="toolbar" aria-label="Scorecard choices" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="sc-from">From</label>
          <input id="sc-from" type="date" value={from} onChange={(e) => setFrom(e.target.value || null)} />
        </div>
        <div className="field">
          <label htmlFor="sc-to">To (exclusive)</label>
          <input id="sc-to" type="date" value={to} onChange={(e) => setTo(e.target.value || null)} />
        </div>
        <div className="field">
          <label htmlFor="sc-team">Team</label>
          <select id="sc-team" value={team} onChange={(e) => setTeam(e.target.value || null)}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryStatus {...query} isEmpty={(d) => d.agents.length === 0} empty={<>No agent KPIs loaded yet: an administrator loads them on the Ingest page (<Link to="/ingest?kind=agent-kpis">agent KPIs</Link>: CSV, JSON or a workbook).</>}>
        {(data) => (
          <>
            <p className="muted">
              Tiers: {(data.agentTiers.tiers ?? []).map((t) => `${t?.name} from ${formatInteger(t?.minScore)}`).join(' · ')}. Score weights:{' '}
              {(data.agentTiers.weights ?? []).map((w) => `${w?.kpi} ${formatPercent(w?.weight)}`).join(', ')}; AHT target {formatDuration(data.agentTiers.targetAhtSeconds)}.
            </p>
            <div className="two-columns">
              <section className="panel" aria-labelledby="sc-trend-title">
                <h2 id="sc-trend-title">Weekly trend (all agents shown)</h2>
                {trendChart && <Chart option={trendChart} label="Composite score, quality and CSAT per week" />}
              </section>
              <section className="panel" aria-labelledby="sc-teams-title">
                <h2 id="sc-teams-title">Teams</h2>
                <DataTable
                  caption="Team scorecards"
                  columns={[
                    { key: 'team', header: 'Team', value: (t) => t.team },
                    { key: 'compositeScore', header: 'Score', value: (t) => t.compositeScore, render: (t) => formatDecimal(t.compositeScore), align: 'right' },
                    { key: 'tier', header: 'Tier', value: (t) => t.tier },
                    { key: 'days', header: 'Agent-days', value: (t) => t.days, align: 'right' },
                  ]}
                  rows={data.teams}
                  rowKey={(t) => String(t.team)}
                  exportName="team-scorecards"
                />
              </section>
            </div>
            <section className="panel" aria-labelledby="sc-agents-title">
              <h2 id="sc-agents-title">Agents, best first</h2>
              <DataTable caption="Agent scorecards" columns={agentColumns} rows={data.agents} rowKey={(a) => String(a.agentId)} exportName="agent-scorecards" initialSort={{ key: 'compositeScore', direction: 'desc' }} />
            </section>
            <section className="panel" aria-labelledby="sc-bottlenecks-title">
              <h2 id="sc-bottlenecks-title">Bottlenecks ({data.agentBottlenecks.length})</h2>
              {data.agentBottlenecks.length === 0 ? (
                <p>No agent or day stands out from its team.</p>
              ) : (
                <DataTable caption="Bottlenecks" columns={bottleneckColumns} rows={data.agentBottlenecks} rowKey={(b) => `${b.agentId}-${b.day}-${b.metric}`} exportName="bottlenecks" />
              )}
            </section>
          </>
        )}
      </QueryStatus>
    </>
  )
}
