import { useMemo, useRef, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Pager, useUrlCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { CallsQuery } from '@/gql/graphql'
import { downloadCsv, toCsv } from '@/lib/csv'
import { execute } from '@/lib/graphql-client'
import { formatDateTime, formatDuration } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { CallsDocument, useCalls } from '../api/calls'

type Call = NonNullable<NonNullable<NonNullable<CallsQuery['calls']['edges']>[number]>['node']>

const PAGE_SIZE = 50
const EXPORT_PAGE = 1000
/** The browser builds the export in memory; beyond this, narrow the filters. */
const EXPORT_LIMIT = 200_000

const EXPORT_COLUMNS: { header: string; value: (c: Call) => string | number | boolean | null | undefined }[] = [
  { header: 'call_id', value: (c) => c.callId },
  { header: 'lead_id', value: (c) => c.leadId },
  { header: 'campaign_id', value: (c) => c.campaignId },
  { header: 'campaign_name', value: (c) => c.campaignName },
  { header: 'advertiser_id', value: (c) => c.advertiserId },
  { header: 'agent_id', value: (c) => c.agentId },
  { header: 'agent_name', value: (c) => c.agentName },
  { header: 'call_status', value: (c) => c.callStatus },
  { header: 'lead_status', value: (c) => c.leadStatus },
  { header: 'agent_call_duration', value: (c) => c.agentCallDuration },
  { header: 'customer_call_duration', value: (c) => c.customerCallDuration },
  { header: 'attempt_no', value: (c) => c.attemptNo },
  { header: 'dial_time', value: (c) => c.dialTime },
  { header: 'connected', value: (c) => c.connected },
  { header: 'from_number', value: (c) => c.fromNumber },
  { header: 'to_number', value: (c) => c.toNumber },
  { header: 'lead_created_at', value: (c) => c.leadCreatedAt },
  { header: 'updated_at', value: (c) => c.updatedAt },
  { header: 'hid', value: (c) => c.hid },
  { header: 'ingest_batch_id', value: (c) => c.ingestBatchId },
]

function columns(timeZone: string): Column<Call>[] {
  return [
    { key: 'dialTime', header: `Dialled (${timeZone})`, value: (c) => c.dialTime, render: (c) => formatDateTime(c.dialTime, timeZone) },
    { key: 'callId', header: 'Call', value: (c) => c.callId },
    { key: 'leadId', header: 'Lead', value: (c) => c.leadId },
    { key: 'campaign', header: 'Campaign', value: (c) => c.campaignName ?? c.campaignId },
    { key: 'agent', header: 'Agent', value: (c) => c.agentName ?? c.agentId },
    { key: 'attemptNo', header: 'Attempt', value: (c) => c.attemptNo, align: 'right' },
    { key: 'callStatus', header: 'Call status', value: (c) => c.callStatus },
    { key: 'leadStatus', header: 'Lead status', value: (c) => c.leadStatus },
    { key: 'connected', header: 'Connected', value: (c) => c.connected, render: (c) => (c.connected ? 'Yes' : 'No') },
    { key: 'agentCallDuration', header: 'Agent time', value: (c) => c.agentCallDuration, render: (c) => formatDuration(c.agentCallDuration), align: 'right' },
    { key: 'customerCallDuration', header: 'Talk time', value: (c) => c.customerCallDuration, render: (c) => formatDuration(c.customerCallDuration), align: 'right' },
    { key: 'toNumber', header: 'Number called', value: (c) => c.toNumber },
  ]
}

function CsvExport() {
  const { callFilter } = useFilters()
  const [progress, setProgress] = useState<{ rows: number; done: boolean; error?: string; truncated?: boolean } | null>(null)
  const abortRef = useRef<AbortController | null>(null)

  async function run() {
    const controller = new AbortController()
    abortRef.current = controller
    const rows: Call[] = []
    let after: string | null = null
    setProgress({ rows: 0, done: false })
    try {
      for (;;) {
        const page: CallsQuery = await execute(CallsDocument, { filter: callFilter, first: EXPORT_PAGE, after }, controller.signal)
        for (const edge of page.calls.edges ?? []) if (edge?.node) rows.push(edge.node)
        setProgress({ rows: rows.length, done: false })
        if (!page.calls.pageInfo?.hasNextPage || rows.length >= EXPORT_LIMIT) {
          const truncated = Boolean(page.calls.pageInfo?.hasNextPage)
          downloadCsv(`calls-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(EXPORT_COLUMNS, rows))
          setProgress({ rows: rows.length, done: true, truncated })
          return
        }
        after = page.calls.pageInfo.endCursor ?? null
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') setProgress(null)
      else setProgress({ rows: rows.length, done: true, error: (e as Error).message })
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
        {progress && !progress.done && `Fetched ${progress.rows.toLocaleString('en-US')} calls…`}
        {progress?.done && !progress.error && `Exported ${progress.rows.toLocaleString('en-US')} calls${progress.truncated ? ` (the first ${EXPORT_LIMIT.toLocaleString('en-US')}: narrow the filters for the rest)` : ''}.`}
        {progress?.error && `Export failed after ${progress.rows.toLocaleString('en-US')} calls: ${progress.error}`}
      </span>
    </div>
  )
}

export default function CallsPage() {
  const { filters, callFilter } = useFilters()
  const pages = useUrlCursorPages()
  const query = useCalls(callFilter, PAGE_SIZE, pages.after)
  const cols = useMemo(() => columns(filters.timeZone), [filters.timeZone])

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
