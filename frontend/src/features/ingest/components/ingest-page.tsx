import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { CrmSnapshotHistoryQuery, IngestBatchesQuery, IngestBatchRejectsQuery } from '@/gql/graphql'
import { clearQueryCache } from '@/lib/graphql-client'
import { formatDateTime, formatInteger } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useCrmSnapshotHistory } from '../api/crm-snapshot-history'
import { useIngestBatchRejects } from '../api/ingest-batch-rejects'
import { useIngestBatches } from '../api/ingest-batches'
import { uploadFile, type UploadPhase } from '../api/upload-file'
import { KINDS, kindOf, type UploadKind, type UploadSummary } from '../kinds'

type Batch = NonNullable<NonNullable<NonNullable<IngestBatchesQuery['ingestBatches']['edges']>[number]>['node']>
type Reject = NonNullable<NonNullable<NonNullable<IngestBatchRejectsQuery['ingestBatch']['rejects']['edges']>[number]>['node']>
type Snapshot = CrmSnapshotHistoryQuery['crmSnapshots'][number]

const rejectColumns: Column<Reject>[] = [
  { key: 'line', header: 'Line', value: (r) => r.line, align: 'right' },
  { key: 'callId', header: 'Key (call, lead or agent id)', value: (r) => r.callId },
  { key: 'field', header: 'Field', value: (r) => r.field },
  { key: 'value', header: 'Value', value: (r) => r.value },
  { key: 'reason', header: 'Reason', value: (r) => r.reason },
  { key: 'rawRow', header: 'Row as sent', value: (r) => r.rawRow, render: (r) => <code className="raw-row">{r.rawRow}</code> },
]

interface Progress {
  phase: UploadPhase
  fraction?: number
  rows?: number
}

function progressText(p: Progress): string {
  if (p.phase === 'compressing') return 'Compressing the file before sending it…'
  if (p.phase === 'sending') return `Sending… ${Math.round((p.fraction ?? 0) * 100)}%`
  return p.rows === undefined ? 'Sent; the server is checking and storing the rows…' : `Sent; the server has read ${formatInteger(p.rows)} rows so far…`
}

function UploadForm({ kind, onUploaded }: { kind: UploadKind; onUploaded: (summary: UploadSummary) => void }) {
  const { filters } = useFilters()
  const inputId = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const abortRef = useRef<(() => void) | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [params, setParams] = useState<Record<string, string>>(() => (kind.params.some((p) => p.name === 'timeZone') ? { timeZone: filters.timeZone } : ({} as Record<string, string>)))
  const [progress, setProgress] = useState<Progress | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!file) {
      setError(`Choose a file first: ${kind.fileLabel.charAt(0).toLowerCase()}${kind.fileLabel.slice(1)}.`)
      return
    }
    const missing = kind.params.find((p) => p.required && !(params[p.name] ?? '').trim())
    if (missing) {
      setError(`${missing.label} is required.`)
      return
    }
    setError(null)
    setProgress({ phase: 'sending', fraction: 0 })
    const upload = uploadFile<Record<string, unknown>>(
      { endpoint: kind.endpoint, file, params, noun: kind.noun },
      {
        onPhase: (phase, fraction) => setProgress((p) => ({ phase, fraction, rows: p?.rows })),
        onRows: (rows) => setProgress((p) => ({ phase: p?.phase ?? 'processing', fraction: p?.fraction, rows })),
      },
    )
    abortRef.current = upload.abort
    try {
      const answer = await upload.promise
      // New data may move any report; the queries on screen (this page's history included) are read again.
      clearQueryCache()
      onUploaded(kind.summarize(answer))
      setFile(null)
      if (fileRef.current) fileRef.current.value = ''
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setProgress(null)
      abortRef.current = null
    }
  }

  return (
    <form className="upload-form" onSubmit={submit} aria-label={`Upload: ${kind.label}`}>
      <div className="field">
        <label htmlFor={inputId}>{kind.fileLabel}</label>
        <input id={inputId} ref={fileRef} type="file" accept={kind.accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {kind.params.map((p) => (
        <div className="field" key={p.name}>
          <label htmlFor={`${inputId}-${p.name}`}>{p.label}</label>
          <input
            id={`${inputId}-${p.name}`}
            type={p.type}
            required={p.required}
            placeholder={p.placeholder}
            value={params[p.name] ?? ''}
            onChange={(e) => setParams((current) => ({ ...current, [p.name]: e.target.value }))}
          />
        </div>
      ))}
      <div className="upload-actions">
        <button type="submit" className="button primary" disabled={progress !== null}>
          Upload
        </button>
        {progress !== null && (
          <button type="button" className="button" onClick={() => abortRef.current?.()}>
            Cancel
          </button>
        )}
      </div>
      {progress !== null && (
        <div className="progress-row">
          <progress max={1} value={progress.phase === 'sending' ? progress.fraction : undefined} aria-label="Upload progress" />
          <span role="status" aria-live="polite" data-testid="upload-progress">
            {progressText(progress)}
          </span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function UploadResult({ summary }: { summary: UploadSummary }) {
  const title = summary.batchId ? `Batch ${summary.batchId}` : `Snapshot ${summary.snapshotId ?? ''}`
  return (
    <section className="panel" aria-labelledby="result-title" data-testid="ingest-result">
      <h2 id="result-title">{title}</h2>
      <dl className="facts inline">
        {summary.facts.map((f) => (
          <div key={f.label} className="fact">
            <dt>{f.label}</dt>
            <dd className={f.bad ? 'bad' : undefined}>{typeof f.value === 'number' ? formatInteger(f.value) : f.value}</dd>
          </div>
        ))}
      </dl>
      {summary.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {summary.snapshotId && (
        <p>
          <Link to={`/data-quality?snapshot=${encodeURIComponent(summary.snapshotId)}`}>Data-quality checks of snapshot {summary.snapshotId}</Link>
        </p>
      )}
    </section>
  )
}

/** Polls a batch answered before its rows reached the reports (LOADED) until it is READY or FAILED. */
function useBatchUntilSettled(batch: ReturnType<typeof useIngestBatchRejects>) {
  const status = batch.data?.ingestBatch.status
  const { refetch } = batch
  useEffect(() => {
    if (status !== 'LOADED' && status !== 'RUNNING') return
    const timer = setInterval(refetch, 1000)
    return () => clearInterval(timer)
  }, [status, refetch])
}

function BatchRejects({ id }: { id: string }) {
  const query = useIngestBatchRejects(id)
  useBatchUntilSettled(query)
  return (
    <section className="panel" aria-labelledby="rejects-title">
      <QueryStatus {...query}>
        {(data) => {
          const batch = data.ingestBatch
          const rows = (batch.rejects.edges ?? []).map((e) => e!.node!)
          return (
            <>
              <h2 id="rejects-title">
                Rejected rows of batch {batch.id} ({formatInteger(batch.rejects.totalCount)})
              </h2>
              <p className="muted" data-testid="batch-status">
                Status: {batch.status}
                {batch.status === 'LOADED' ? ' (stored and checked; reaching the reports…)' : ''}
              </p>
              {batch.error && <p className="bad">{batch.error}</p>}
              {rows.length === 0 ? (
                <p>No row of this batch was rejected.</p>
              ) : (
                <DataTable caption={`Rejected rows of batch ${batch.id}`} columns={rejectColumns} rows={rows} rowKey={(r) => `${r.line}-${r.field}`} exportName={`batch-${batch.id}-rejects`} initialSort={{ key: 'line', direction: 'asc' }} />
              )}
              {batch.rejects.totalCount > rows.length && <p className="muted">Showing the first {formatInteger(rows.length)}; all are in GraphQL `ingestBatch(id) {'{'} rejects {'}'}`.</p>}
            </>
          )
        }}
      </QueryStatus>
    </section>
  )
}

function BatchHistory({ kind, selected, onSelect }: { kind: string; selected: string; onSelect: (id: string) => void }) {
  const { filters } = useFilters()
  const batches = useIngestBatches(kind)
  const columns: Column<Batch>[] = [
    {
      key: 'id',
      header: 'Batch',
      value: (b) => Number(b.id),
      render: (b) => (
        <button type="button" className="link-button" onClick={() => onSelect(String(b.id))} aria-pressed={selected === String(b.id)}>
          {b.id}
        </button>
      ),
    },
    { key: 'fileName', header: 'File', value: (b) => b.fileName ?? b.source },
    { key: 'status', header: 'Status', value: (b) => b.status },
    { key: 'startedAt', header: `Started (${filters.timeZone})`, value: (b) => b.startedAt, render: (b) => formatDateTime(b.startedAt, filters.timeZone) },
    { key: 'rowsRead', header: 'Rows', value: (b) => b.rowsRead, render: (b) => formatInteger(b.rowsRead), align: 'right' },
    { key: 'accepted', header: 'Accepted', value: (b) => b.accepted, render: (b) => formatInteger(b.accepted), align: 'right' },
    { key: 'rejected', header: 'Rejected', value: (b) => b.rejected, render: (b) => formatInteger(b.rejected), align: 'right' },
    { key: 'duplicates', header: 'Duplicates', value: (b) => b.duplicates, render: (b) => formatInteger(b.duplicates), align: 'right' },
  ]
  return (
    <QueryStatus {...batches} isEmpty={(d) => (d.ingestBatches.edges?.length ?? 0) === 0} empty="No batch of this kind loaded yet.">
      {(data) => <DataTable caption="Ingest batches" columns={columns} rows={(data.ingestBatches.edges ?? []).map((e) => e!.node!)} rowKey={(b) => String(b.id)} exportName={`ingest-batches-${kind}`} selectedKey={selected || null} />}
    </QueryStatus>
  )
}

function SnapshotHistory() {
  const { filters } = useFilters()
  const snapshots = useCrmSnapshotHistory()
  const columns: Column<Snapshot>[] = [
    { key: 'id', header: 'Snapshot', value: (s) => Number(s.id), render: (s) => <Link to={`/data-quality?snapshot=${encodeURIComponent(String(s.id))}`}>{String(s.id)}</Link> },
    { key: 'source', header: 'Source', value: (s) => s.source },
    { key: 'reportDate', header: 'Report date', value: (s) => s.reportDate },
    { key: 'fileName', header: 'File', value: (s) => s.fileName },
    { key: 'receivedAt', header: `Received (${filters.timeZone})`, value: (s) => s.receivedAt, render: (s) => formatDateTime(s.receivedAt, filters.timeZone) },
    { key: 'rowsRead', header: 'Rows', value: (s) => s.rowsRead, render: (s) => formatInteger(s.rowsRead), align: 'right' },
    { key: 'rowsLoaded', header: 'Loaded', value: (s) => s.rowsLoaded, render: (s) => formatInteger(s.rowsLoaded), align: 'right' },
    { key: 'errors', header: 'Errors', value: (s) => s.errors, align: 'right' },
    { key: 'warnings', header: 'Warnings', value: (s) => s.warnings, align: 'right' },
  ]
  return (
    <QueryStatus {...snapshots} isEmpty={(d) => d.crmSnapshots.length === 0} empty="No CRM snapshot loaded yet.">
      {(data) => <DataTable caption="CRM snapshots" columns={columns} rows={[...data.crmSnapshots].reverse()} rowKey={(s) => String(s.id)} exportName="crm-snapshots" />}
    </QueryStatus>
  )
}

/** The batch selected belongs to the kind shown: choosing another kind drops it. */
const SELECTION = ['batch'] as const

export default function IngestPage() {
  const [kindKey, chooseKind] = useUrlParam('kind', 'calls', SELECTION)
  const kind = kindOf(kindKey)
  const [results, setResults] = useState<Partial<Record<string, UploadSummary>>>({})
  const [selected, setSelected] = useUrlParam('batch', '')
  const result = results[kind.key]

  return (
    <>
      <PageHeader title="Ingest" description="Load a file of any kind of data: CSV, Excel workbooks and gzip-compressed files. Bad rows are rejected with their line, field and reason; the rest land. Sending the same file again changes nothing." />
      <nav className="tabs" aria-label="Kind of data">
        {KINDS.map((k) => (
          <Link
            key={k.key}
            to={`?kind=${k.key}`}
            className={k.key === kind.key ? 'tab active' : 'tab'}
            aria-current={k.key === kind.key ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault()
              chooseKind(k.key)
            }}
          >
            {k.label}
          </Link>
        ))}
      </nav>
      <section className="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">Upload: {kind.label}</h2>
        <p className="muted">{kind.description}</p>
        <UploadForm
          key={kind.key}
          kind={kind}
          onUploaded={(summary) => {
            setResults((r) => ({ ...r, [kind.key]: summary }))
            setSelected(summary.batchId)
          }}
        />
      </section>
      {result && <UploadResult summary={result} />}
      {kind.batchKind && selected && <BatchRejects id={selected} />}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History: {kind.label} (newest first)</h2>
        {kind.batchKind ? <BatchHistory kind={kind.batchKind} selected={selected} onSelect={setSelected} /> : <SnapshotHistory />}
      </section>
    </>
  )
}
