import { useMemo, useRef, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Pager, useUrlCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { CallsQuery } from '@/gql/graphql'
import { formatDateTime, formatDuration } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useCalls } from '../api/calls'
import { downloadCallsCsv } from '../api/calls-csv'

type Call = NonNullable<NonNullable<NonNullable<CallsQuery['calls']['edges']>[number]>['node']>

const PAGE_SIZE = 50

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
