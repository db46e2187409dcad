/** The kinds of data that have an upload page: where each goes, what it asks for, how its answer reads. */

export type KindKey = 'calls' | 'leads' | 'crm-snapshots' | 'service-metrics' | 'inbound-calls' | 'agent-kpis'

export interface UploadParam {
  name: string
  label: string
  type: 'text' | 'date'
  required?: boolean
  placeholder?: string
  help?: string
}

/** One line of the result: a label and its value (`bad` marks a count of problems). */
export interface Fact {
  label: string
  value: string | number
  bad?: boolean
}

/** What any ingest answer says, read the same way for every kind. */
export interface UploadSummary {
  /** The ingest batch with the rejected rows (null for a CRM snapshot). */
  batchId: string | null
  /** The CRM snapshot loaded (its data-quality checks). */
  snapshotId: string | null
  facts: Fact[]
  notes: string[]
}

export interface UploadKind {
  key: KindKey
  /** Tab label. */
  label: string
  endpoint: string
  /** The file input's label (names the file). */
  fileLabel: string
  /** Noun for messages: "call files". */
  noun: string
  accept: string
  description: string
  params: UploadParam[]
  /** ingest_batch.kind whose history is listed; null: the CRM snapshot list. */
  batchKind: string | null
  summarize: (answer: Record<string, unknown>) => UploadSummary
}

const SHEETS = '.xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel'
const TEXT = '.csv,.tsv,.txt,.gz,text/csv,text/tab-separated-values'
const SHEET_PARAM: UploadParam = { name: 'sheet', label: 'Sheet of a workbook (default: the first)', type: 'text', placeholder: 'Sheet1' }

function num(answer: Record<string, unknown>, key: string): number {
  const value = answer[key]
  return typeof value === 'number' ? value : Number(value ?? 0)
}

function list(answer: Record<string, unknown>, key: string): string[] {
  const value = answer[key]
  return Array.isArray(value) ? value.map(String) : []
}

function id(answer: Record<string, unknown>, key: string): string | null {
  const value = answer[key]
  return value === null || value === undefined ? null : String(value)
}

/** What the server found in unknown and free-text columns (stored masked), as one sentence per column and kind. */
function personalDataNotes(answer: Record<string, unknown>): string[] {
  const found = Array.isArray(answer.personalData) ? (answer.personalData as { column?: string; kind?: string; count?: number; examples?: string[] }[]) : []
  return found.map(
    (f) => `Personal data in column ${f.column ?? '?'}: ${f.count ?? 0} ${String(f.kind ?? '').toLowerCase()} value(s), stored masked (e.g. ${(f.examples ?? []).join(', ')}).`,
  )
}

/** The counts every batch answer has (calls, metric files, call logs, KPIs). */
function batchSummary(answer: Record<string, unknown>, extra: Fact[] = []): UploadSummary {
  const notes: string[] = []
  const same = id(answer, 'sameFileAsBatchId')
  if (same) notes.push(`This file was already loaded as batch ${same}; nothing changed.`)
  const unknown = [...list(answer, 'ignoredColumns'), ...list(answer, 'unknownColumns')]
  if (unknown.length > 0) notes.push(`Columns not used: ${unknown.join(', ')}.`)
  if (answer.status === 'LOADED') notes.push('The rows are stored and checked; the reports will have them in a moment (batch status READY).')
  notes.push(...personalDataNotes(answer))
  return {
    batchId: id(answer, 'batchId'),
    snapshotId: null,
    facts: [
      { label: 'Rows read', value: num(answer, 'rowsRead') },
      { label: 'Accepted', value: num(answer, 'accepted') },
      { label: 'Rejected', value: num(answer, 'rejected'), bad: num(answer, 'rejected') > 0 },
      { label: 'Already stored (duplicates)', value: num(answer, 'duplicates') },
      ...extra,
    ],
    notes,
  }
}

/** A metric file's or call log's answer: the batch counts and the periods that conflict with stored ones. */
function withConflicts(answer: Record<string, unknown>): UploadSummary {
  return batchSummary(answer, [{ label: 'Conflicts', value: num(answer, 'conflicts'), bad: num(answer, 'conflicts') > 0 }])
}

export const KINDS: UploadKind[] = [
  {
    key: 'calls',
    label: 'Calls',
    endpoint: '/api/ingest/calls',
    fileLabel: 'Call file (CSV with a header line, a JSON array, or an Excel workbook)',
    noun: 'call files',
    accept: `${TEXT},.json,application/json,${SHEETS}`,
    description: 'Dialer call records. Times without an offset are read in the time zone below.',
    params: [{ name: 'timeZone', label: 'Time zone of times without an offset', type: 'text', required: true }, SHEET_PARAM],
    batchKind: 'calls',
    summarize: (a) => batchSummary(a),
  },
  {
    key: 'leads',
    label: 'Leads',
    endpoint: '/api/ingest/leads',
    fileLabel: 'Lead file (Parquet, CSV or an Excel workbook: lead id, e-mail and phone hashes or raw values)',
    noun: 'lead files',
    accept: `${TEXT},.parquet,${SHEETS}`,
    description: 'Leads delivered to advertisers. Raw e-mails and phone numbers are normalised and hashed here (README: identity normalisation).',
    params: [{ name: 'source', label: 'CRM source the leads were delivered to (empty: every source)', type: 'text' }, SHEET_PARAM],
    batchKind: 'leads',
    summarize: (a) => {
      const rejected = num(a, 'rejected')
      return {
        batchId: id(a, 'batchId'),
        snapshotId: null,
        facts: [
          { label: 'Rows read', value: num(a, 'rowsRead') },
          { label: 'Accepted', value: num(a, 'inserted') + num(a, 'updated') },
          { label: 'Rejected', value: rejected, bad: rejected > 0 },
          { label: 'Already stored (duplicates)', value: num(a, 'unchanged') },
          { label: 'New leads', value: num(a, 'inserted') },
          { label: 'Updated leads', value: num(a, 'updated') },
          { label: 'Report leads matched', value: num(a, 'reportLeadsMatched') },
        ],
        notes: personalDataNotes(a),
      }
    },
  },
  {
    key: 'crm-snapshots',
    label: 'CRM snapshots',
    endpoint: '/api/ingest/crm-snapshots',
    fileLabel: "CRM report file (an advertiser's report: CSV or an Excel workbook)",
    noun: 'CRM reports',
    accept: `${TEXT},${SHEETS}`,
    description: "One snapshot of an advertiser's CRM report. Its data-quality checks come with the result.",
    params: [
      { name: 'source', label: 'Source (the advertiser report it comes from)', type: 'text', required: true, placeholder: 'default' },
      { name: 'reportDate', label: 'Report date (empty: from the file name, else today)', type: 'date' },
      SHEET_PARAM,
    ],
    batchKind: null,
    summarize: (a) => {
      const notes: string[] = []
      if (a.alreadyLoaded === true) notes.push('This snapshot was already loaded; nothing changed.')
      const replaced = id(a, 'replacedSnapshotId')
      if (replaced) notes.push(`It replaces snapshot ${replaced} of the same source and report date.`)
      const unknown = list(a, 'unknownColumns')
      if (unknown.length > 0) notes.push(`Columns not expected for this source: ${unknown.join(', ')}.`)
      const notLoaded = Math.max(0, num(a, 'rowsRead') - num(a, 'rowsLoaded'))
      return {
        batchId: null,
        snapshotId: id(a, 'snapshotId'),
        facts: [
          { label: 'Report date', value: `${String(a.reportDate ?? '')} (from ${String(a.reportDateFrom ?? '').toLowerCase().replace('_', ' ')})` },
          { label: 'Rows read', value: num(a, 'rowsRead') },
          { label: 'Loaded', value: num(a, 'rowsLoaded') },
          { label: 'Not loaded', value: notLoaded, bad: notLoaded > 0 },
          { label: 'Unreadable values', value: num(a, 'unreadableValues'), bad: num(a, 'unreadableValues') > 0 },
        ],
        notes,
      }
    },
  },
  {
    key: 'service-metrics',
    label: 'Service metrics',
    endpoint: '/api/ingest/service-metrics',
    fileLabel: 'Metric file (a 3-1-1 style service-level export: CSV or an Excel workbook)',
    noun: 'metric files',
    accept: `${TEXT},${SHEETS}`,
    description: 'Service levels, answer times and volumes per period and queue, as the portals publish them.',
    params: [{ name: 'source', label: 'Source (which metric file definition reads it; empty: recognised from the header)', type: 'text' }, SHEET_PARAM],
    batchKind: 'service-metrics',
    summarize: withConflicts,
  },
  {
    key: 'inbound-calls',
    label: 'Inbound call logs',
    endpoint: '/api/ingest/inbound-calls',
    fileLabel: 'Call log (one row per inbound call: CSV, TSV or an Excel workbook)',
    noun: 'call logs',
    accept: `${TEXT},${SHEETS}`,
    description: 'Inbound call logs; the service levels per queue and interval are computed from them.',
    params: [{ name: 'source', label: 'Source (the call log format; empty: anonymous-bank)', type: 'text' }, SHEET_PARAM],
    batchKind: 'inbound-calls',
    summarize: withConflicts,
  },
  {
    key: 'agent-kpis',
    label: 'Agent KPIs',
    endpoint: '/api/ingest/agent-kpis',
    fileLabel: 'KPI file (agent KPIs per period: CSV, a JSON array or an Excel workbook)',
    noun: 'KPI files',
    accept: `${TEXT},.json,application/json,${SHEETS}`,
    description: 'Agent KPIs (quality scores, adherence...) for the scorecards. A period sent again restates it.',
    params: [SHEET_PARAM],
    batchKind: 'agent-kpis',
    summarize: (a) => batchSummary(a, [{ label: 'Restated', value: num(a, 'restated') }]),
  },
]

export function kindOf(key: string): UploadKind {
  return KINDS.find((k) => k.key === key) ?? KINDS[0]
}
