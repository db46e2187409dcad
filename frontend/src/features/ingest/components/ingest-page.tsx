import { useId, useRef, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { IngestBatchesQuery, IngestBatchRejectsQuery } from '@/gql/graphql'
import { clearQueryCache } from '@/lib/graphql-client'
import { formatDateTime, formatInteger } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useIngestBatchRejects } from '../api/ingest-batch-rejects'
import { useIngestBatches } from '../api/ingest-batches'
import { uploadCalls, type IngestResponse } from '../api/upload-calls'

type Batch = NonNullable<NonNullable<NonNullable<IngestBatchesQuery['ingestBatches']['edges']>[number]>['node']>
type Reject = NonNullable<NonNullable<NonNullable<IngestBatchRejectsQuery['ingestBatch']['rejects']['edges']>[number]>['node']>

const rejectColumns: Column<Reject>[] = [
  { key: 'line', header: 'Line', value: (r) => r.line, align: 'right' },
  { key: 'callId', header: 'Call ID', value: (r) => r.callId },
  { key: 'field', header: 'Field', value: (r) => r.field },
  { key: 'value', header: 'Value', value: (r) => r.value },
  { key: 'reason', header: 'Reason', value: (r) => r.reason },
  { key: 'rawRow', header: 'Row as sent', value: (r) => r.rawRow, render: (r) => <code className="raw-row">{r.rawRow}</code> },
]

function UploadForm({ onUploaded }: { onUploaded: (result: IngestResponse) => void }) {
  const { filters } = useFilters()
  const inputId = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const abortRef = useRef<(() => void) | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [timeZone, setTimeZone] = useState(filters.timeZone)
  const [progress, setProgress] = useState<number | null>(null)
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing'>('idle')
  const [error, setError] = useState<string | null>(null)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!file) {
      setError('Choose a call file (CSV or JSON) first.')
      return
    }
    setError(null)
    setPhase('uploading')
    setProgress(0)
    const upload = uploadCalls(file, timeZone, (fraction) => {
      setProgress(fraction)
      if (fraction >= 1) setPhase('processing')
    })
    abortRef.current = upload.abort
    try {
      const result = await upload.promise
      clearQueryCache()
      onUploaded(result)
      setFile(null)
      if (fileRef.current) fileRef.current.value = ''
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setPhase('idle')
      setProgress(null)
      abortRef.current = null
    }
  }

  return (
    <form className="upload-form" onSubmit={submit} aria-label="Upload a call file">
      <div className="field">
        <label htmlFor={inputId}>Call file (CSV with a header line, or a JSON array)</label>
        <input id={inputId} ref={fileRef} type="file" accept=".csv,.txt,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="ingest-tz">Time zone of times without an offset</label>
        <input id="ingest-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
      </div>
      <div className="upload-actions">
        <button type="submit" className="button primary" disabled={phase !== 'idle'}>
          Upload
        </button>
        {phase !== 'idle' && (
          <button type="button" className="button" onClick={() => abortRef.current?.()}>
            Cancel
          </button>
        )}
      </div>
      {progress !== null && (
        <div className="progress-row">
          <progress max={1} value={phase === 'processing' ? undefined : progress} aria-label="Upload progress" />
          <span role="status" aria-live="polite">
            {phase === 'uploading' ? `Uploading… ${Math.round(progress * 100)}%` : 'Uploaded; checking and storing the rows…'}
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

function BatchResult({ result }: { result: IngestResponse }) {
  return (
    <section className="panel" aria-labelledby="result-title" data-testid="ingest-result">
      <h2 id="result-title">Batch {String(result.batchId)}</h2>
      <dl className="facts inline">
        <dt>Rows read</dt>
        <dd>{formatInteger(result.rowsRead)}</dd>
        <dt>Accepted</dt>
        <dd>{formatInteger(result.accepted)}</dd>
        <dt>Rejected</dt>
        <dd className={result.rejected > 0 ? 'bad' : undefined}>{formatInteger(result.rejected)}</dd>
        <dt>Already stored (duplicates)</dt>
        <dd>{formatInteger(result.duplicates)}</dd>
      </dl>
      {result.sameFileAsBatchId && <p>This file was already loaded as batch {String(result.sameFileAsBatchId)}; nothing changed.</p>}
      {result.ignoredColumns && result.ignoredColumns.length > 0 && <p className="muted">Columns not used: {result.ignoredColumns.join(', ')}.</p>}
    </section>
  )
}

function BatchRejects({ id }: { id: string }) {
  const query = useIngestBatchRejects(id)
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

export default function IngestPage() {
  const { filters } = useFilters()
  const [result, setResult] = useState<IngestResponse | null>(null)
  const [selected, setSelected] = useUrlParam('batch', '')
  const batches = useIngestBatches()

  const columns: Column<Batch>[] = [
    {
      key: 'id',
      header: 'Batch',
      value: (b) => Number(b.id),
      render: (b) => (
        <button type="button" className="link-button" onClick={() => setSelected(String(b.id))} aria-pressed={selected === String(b.id)}>
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
    <>
      <PageHeader title="Ingest" description="Load a call file. Bad rows are rejected with their line, field and reason; the rest land. Sending the same file again changes nothing." />
      <section className="panel">
        <h2>Upload calls</h2>
        <UploadForm
          onUploaded={(r) => {
            setResult(r)
            setSelected(String(r.batchId))
            batches.refetch()
          }}
        />
      </section>
      {result && <BatchResult result={result} />}
      {selected && <BatchRejects id={selected} />}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Batch history (newest first)</h2>
        <QueryStatus {...batches} isEmpty={(d) => (d.ingestBatches.edges?.length ?? 0) === 0} empty="No batch loaded yet.">
          {(data) => <DataTable caption="Ingest batches" columns={columns} rows={(data.ingestBatches.edges ?? []).map((e) => e!.node!)} rowKey={(b) => String(b.id)} exportName="ingest-batches" selectedKey={selected || null} />}
        </QueryStatus>
      </section>
    </>
  )
}
