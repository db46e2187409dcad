import { useMemo, useRef, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Pager, useUrlCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { CallsQuery } from '@/gql/graphql'
import { formatDateTime, formatDuration, formatPercent } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useCalls } from '../api/calls'
import { downloadCallsCsv } from '../api/calls-csv'

type Call = NonNullable<NonNullable<NonNullable<CallsQuery['calls']['edges']>[number]>['node']>
type Next = NonNullable<Call['nextAttempt']>

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** The lead's next attempt in a few words: a time with its local hour and chance, or why to stop. */
export function describeNextAttempt(next: Next | null | undefined, timeZone: string): string {
  if (!next) return '–'
  if (next.action === 'STOP') return `Stop: ${next.reason}`
  if (!next.at) return 'Call (no time proposed)'
  const local = next.localHour === null || next.localHour === undefined ? '' : ` (${WEEKDAYS[next.localWeekday ?? 0]} ${String(next.localHour).padStart(2, '0')}:00 lead's time)`
  const chance = next.expectedConnectRate === null || next.expectedConnectRate === undefined ? '' : `, ${formatPercent(next.expectedConnectRate)} connect`
  return `${formatDateTime(next.at, timeZone)}${local}${chance}`
}

function LeadHistory({ leadId, calls, timeZone, onClose }: { leadId: string; calls: Call[]; timeZone: string; onClose: () => void }) {
  const mine = calls.filter((c) => c.leadId === leadId).sort((a, b) => String(a.dialTime).localeCompare(String(b.dialTime)))
  const next = mine.find((c) => c.nextAttempt)?.nextAttempt
  return (
    <section className="panel" aria-labelledby="lead-history-title">
      <h2 id="lead-history-title">Lead {leadId}</h2>
      <p className="muted">
        {next ? `${next.attemptsSoFar} dials so far, the last ${formatDateTime(next.lastDialAt, timeZone)}.` : ''} Calls of this lead on this page:
      </p>
      <ol>
        {mine.map((c) => (
          <li key={c.callId}>
            {formatDateTime(c.dialTime, timeZone)}: attempt {c.attemptNo ?? '–'}, {c.callStatus}
            {c.leadStatus ? `, ${c.leadStatus}` : ''}
          </li>
        ))}
      </ol>
      <p aria-label="Next attempt">
        <strong>Next attempt:</strong> {describeNextAttempt(next, timeZone)}
        {next?.action === 'CALL' && next.connectLo80 !== null && next.connectLo80 !== undefined ? ` (80% interval ${formatPercent(next.connectLo80)} – ${formatPercent(next.connectHi80)}; ${next.timeZone}${next.state ? `, ${next.state}` : ''})` : ''}
      </p>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </section>
  )
}

const PAGE_SIZE = 50

function columns(timeZone: string, openLead: (leadId: string) => void): Column<Call>[] {
  return [
    { key: 'dialTime', header: `Dialled (${timeZone})`, value: (c) => c.dialTime, render: (c) => formatDateTime(c.dialTime, timeZone) },
    { key: 'callId', header: 'Call', value: (c) => c.callId },
    {
      key: 'leadId',
      header: 'Lead',
      value: (c) => c.leadId,
      render: (c) => (
        <button type="button" className="link-button" onClick={() => openLead(c.leadId ?? '')} title="The lead's calls and next attempt">
          {c.leadId}
        </button>
      ),
    },
    { key: 'campaign', header: 'Campaign', value: (c) => c.campaignName ?? c.campaignId },
    { key: 'agent', header: 'Agent', value: (c) => c.agentName ?? c.agentId },
    { key: 'attemptNo', header: 'Attempt', value: (c) => c.attemptNo, align: 'right' },
    { key: 'callStatus', header: 'Call status', value: (c) => c.callStatus },
    { key: 'leadStatus', header: 'Lead status', value: (c) => c.leadStatus },
    { key: 'connected', header: 'Connected', value: (c) => c.connected, render: (c) => (c.connected ? 'Yes' : 'No') },
    { key: 'agentCallDuration', header: 'Agent time', value: (c) => c.agentCallDuration, render: (c) => formatDuration(c.agentCallDuration), align: 'right' },
    { key: 'customerCallDuration', header: 'Talk time', value: (c) => c.customerCallDuration, render: (c) => formatDuration(c.customerCallDuration), align: 'right' },
    { key: 'toNumber', header: 'Number called', value: (c) => c.toNumber },
    { key: 'nextAttempt', header: 'Next attempt', value: (c) => c.nextAttempt?.at ?? c.nextAttempt?.reason, render: (c) => describeNextAttempt(c.nextAttempt, timeZone) },
  ]
}

function CsvExport() {
  const { callFilter } = useFilters()
  const [progress, setProgress] = useState<{ done: boolean; error?: string; fileName?: string } | null>(null)
  const abortRef = useRef<AbortController | null>(null)

  async function run() {
    const controller = new AbortController()
    abortRef.current = controller
    setProgress({ done: false })
    try {
      const fileName = await downloadCallsCsv(callFilter, controller.signal)
      setProgress({ done: true, fileName })
    } catch (e) {
      if ((e as Error).name === 'AbortError') setProgress(null)
      else setProgress({ done: true, error: (e as Error).message })
    } finally {
      abortRef.current = null
    }
  }

  const running = progress !== null && !progress.done
  return (
    <div className="export-box">
      {running ? (
        <button type="button" className="button" onClick={() => abortRef.current?.abort()}>
          Cancel export
        </button>
      ) : (
        <button type="button" className="button primary" onClick={run}>
          Export CSV of this filter
        </button>
      )}
      <span role="status" aria-live="polite" className="muted">
        {running && 'Asking the server for the download…'}
        {progress?.done && !progress.error && `Downloading ${progress.fileName}: the browser saves every call of the filter as the server writes it.`}
        {progress?.error && `Export failed: ${progress.error}`}
      </span>
    </div>
  )
}

export default function CallsPage() {
  const { filters, callFilter } = useFilters()
  const pages = useUrlCursorPages()
  const query = useCalls(callFilter, PAGE_SIZE, pages.after)
  const [lead, setLead] = useState<string | null>(null)
  const cols = useMemo(() => columns(filters.timeZone, setLead), [filters.timeZone])

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call matching the filters above, oldest first, 50 per page. A column header sorts the page shown; the export holds every call of the filter."
        actions={<CsvExport />}
      />
      <QueryStatus {...query} isEmpty={(d) => (d.calls.edges?.length ?? 0) === 0}>
        {(data) => (
          <section className="panel">
            {lead && <LeadHistory leadId={lead} calls={(data.calls.edges ?? []).map((e) => e!.node!)} timeZone={filters.timeZone} onClose={() => setLead(null)} />}
            <DataTable
              caption="Calls"
              columns={cols}
              rows={(data.calls.edges ?? []).map((e) => e!.node!)}
              rowKey={(c) => c.callId ?? ''}
              footer={<Pager label="Pages of calls" pages={pages} hasNextPage={!!data.calls.pageInfo?.hasNextPage} endCursor={data.calls.pageInfo?.endCursor} />}
            />
          </section>
        )}
      </QueryStatus>
    </>
  )
}
