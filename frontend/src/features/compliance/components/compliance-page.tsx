import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { KpiTile } from '@/components/ui/kpi-tile'
import { Pager, useCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { ComplianceReportQuery } from '@/gql/graphql'
import { useSession } from '@/lib/auth'
import { formatDate, formatDateTime, formatInteger } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useComplianceReport } from '../api/compliance-report'
import { DoNotCallPanel } from './do-not-call-panel'
import { HeldLeadsPanel } from './held-leads-panel'
import { RulesPanel } from './rules-panel'

type Report = ComplianceReportQuery['complianceReport']
type Count = Report['byRule'][number]
type ViolatingCall = Report['calls']['edges'][number]['node']

const PAGE_SIZE = 50

function countColumns(keyHeader: string, onDrill?: (key: string) => void): Column<Count>[] {
  return [
    {
      key: 'key',
      header: keyHeader,
      value: (r) => r.key ?? '(none)',
      render: (r) =>
        onDrill && r.key ? (
          <button type="button" className="link-button" onClick={() => onDrill(r.key!)} aria-label={`Show the calls breaking ${r.key}`}>
            {r.key}
          </button>
        ) : (
          (r.key ?? '(none)')
        ),
    },
    { key: 'label', header: 'Name', value: (r) => r.label ?? '' },
    { key: 'calls', header: 'Violating calls', value: (r) => r.calls, render: (r) => formatInteger(r.calls), align: 'right' },
    { key: 'violations', header: 'Violations', value: (r) => r.violations, render: (r) => formatInteger(r.violations), align: 'right', description: 'A call breaking two rules counts twice' },
  ]
}

function callColumns(timeZone: string): Column<ViolatingCall>[] {
  return [
    { key: 'dialTime', header: `Dialled (${timeZone})`, value: (c) => c.dialTime, render: (c) => formatDateTime(c.dialTime, timeZone) },
    { key: 'callId', header: 'Call', value: (c) => c.callId },
    { key: 'leadId', header: 'Lead', value: (c) => c.leadId },
    { key: 'campaignId', header: 'Campaign', value: (c) => c.campaignId ?? '' },
    { key: 'agent', header: 'Agent', value: (c) => c.agentName ?? c.agentId ?? '' },
    { key: 'toNumber', header: 'Number', value: (c) => c.toNumber ?? '' },
    { key: 'rules', header: 'Rules broken', value: (c) => c.rules.join(', ') },
    { key: 'details', header: 'What happened', value: (c) => c.details.join('; ') + (c.locationKnown ? '' : ' (location unknown)') },
  ]
}

function overTime(report: Report): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: report.byDay.map((d) => formatDate(d.day)) },
    yAxis: { type: 'value', name: 'Calls', minInterval: 1 },
    series: [{ name: 'Violating calls', type: 'bar', data: report.byDay.map((d) => d.calls), itemStyle: { color: 'var(--chart-4)' } }],
  }
}

function Overview({ report, onDrill }: { report: Report; onDrill: (rule: string) => void }) {
  const option = useMemo(() => overTime(report), [report])
  const ruleColumns = useMemo(() => countColumns('Rule', onDrill), [onDrill])
  return (
    <>
      <div className="kpi-grid">
        <KpiTile label="Violating calls" value={report.violatingCalls} format={formatInteger} higherIsBetter={false} />
        <KpiTile label="Violations" value={report.violations} format={formatInteger} higherIsBetter={false} />
        <KpiTile label="Location unknown" value={report.locationUnknownCalls} format={formatInteger} higherIsBetter={false} hint="Violating calls whose lead could not be placed: checked in every continental US zone" />
      </div>
      <section className="panel" aria-labelledby="over-time-title">
        <h2 id="over-time-title">Violating calls over time</h2>
        <Chart option={option} label="Violating calls per day" />
      </section>
      <section className="panel" aria-labelledby="per-rule-title">
        <h2 id="per-rule-title">Per rule</h2>
        <DataTable caption="Violations per rule" columns={ruleColumns} rows={report.byRule} rowKey={(r) => r.key ?? ''} exportName="compliance-rules" initialSort={{ key: 'violations', direction: 'desc' }} />
      </section>
      <div className="two-columns">
        <section className="panel" aria-labelledby="per-campaign-title">
          <h2 id="per-campaign-title">Per campaign</h2>
          <DataTable caption="Violations per campaign" columns={countColumns('Campaign')} rows={report.byCampaign} rowKey={(r) => r.key ?? ''} exportName="compliance-campaigns" initialSort={{ key: 'calls', direction: 'desc' }} />
        </section>
        <section className="panel" aria-labelledby="per-agent-title">
          <h2 id="per-agent-title">Per agent</h2>
          <DataTable caption="Violations per agent" columns={countColumns('Agent')} rows={report.byAgent} rowKey={(r) => r.key ?? '(none)'} exportName="compliance-agents" initialSort={{ key: 'calls', direction: 'desc' }} />
        </section>
      </div>
    </>
  )
}

function ViolatingCalls({ rule, knownOnly, onClear }: { rule: string | null; knownOnly: boolean; onClear: () => void }) {
  const { filters, callFilter } = useFilters()
  const pages = useCursorPages()
  const query = useComplianceReport(callFilter, rule ? [rule] : null, knownOnly, PAGE_SIZE, pages.after)
  const cols = useMemo(() => callColumns(filters.timeZone), [filters.timeZone])
  return (
    <section className="panel" aria-labelledby="violating-calls-title">
      <h2 id="violating-calls-title">Violating calls{rule ? ` breaking ${rule}` : ''}</h2>
      {rule && (
        <button type="button" className="link-button" onClick={onClear}>
          Show every rule
        </button>
      )}
      <QueryStatus {...query} isEmpty={(d) => d.complianceReport.calls.edges.length === 0}>
        {(data) => (
          <DataTable
            caption="Violating calls"
            columns={cols}
            rows={data.complianceReport.calls.edges.map((e) => e.node)}
            rowKey={(c) => c.callId}
            footer={<Pager label="Pages of violating calls" pages={pages} hasNextPage={data.complianceReport.calls.pageInfo.hasNextPage} endCursor={data.complianceReport.calls.pageInfo.endCursor} />}
          />
        )}
      </QueryStatus>
    </section>
  )
}

export default function CompliancePage() {
  const isAdmin = useSession()?.role === 'ADMIN'
  const { callFilter } = useFilters()
  const [rule, setRule] = useUrlParam('rule', '')
  const [known, setKnown] = useUrlParam('location', 'all')
  const knownOnly = known === 'known'
  const query = useComplianceReport(callFilter, null, knownOnly, 1, null)
  return (
    <>
      <PageHeader title="Compliance" description="Calls that broke a calling rule (hours in the called party's time zone, attempt limits, the do-not-call list, opt-outs), the leads held back from the feed, and the rules." />
      <label className="checkbox">
        <input type="checkbox" checked={knownOnly} onChange={(e) => setKnown(e.target.checked ? 'known' : null)} /> Only leads whose location is known (leave out hours checked in every zone)
      </label>
      <QueryStatus {...query} isEmpty={(d) => d.complianceReport.violatingCalls === 0} empty="No call in these filters broke a rule.">
        {(data) => <Overview report={data.complianceReport} onDrill={(r) => setRule(r)} />}
      </QueryStatus>
      <ViolatingCalls key={`${rule}|${known}`} rule={rule || null} knownOnly={knownOnly} onClear={() => setRule(null)} />
      <HeldLeadsPanel />
      {isAdmin && <DoNotCallPanel />}
      <RulesPanel />
    </>
  )
}
