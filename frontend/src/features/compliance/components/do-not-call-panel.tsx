import { useId, useRef, useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { formatInteger } from '@/lib/format'
import { onDoNotCallList } from '../api/on-do-not-call-list'
import { removeDoNotCall } from '../api/remove-do-not-call'
import { LINES_PER_PART, uploadDoNotCall, type DoNotCallUpload, type InvalidLine, type UploadProgress } from '../api/upload-do-not-call'
import { NumberLinesError, readNumberLines, type NumberLines } from './number-lines'

/** Invalid lines shown in the table (all of them are counted; a file of junk must not stall the page). */
const SHOWN_INVALID = 500
/** The removal box sends one request. */
const MAX_REMOVE = 2000

const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`

const INVALID_COLUMNS: Column<InvalidLine>[] = [
  { key: 'line', header: 'Line', value: (l) => l.line, align: 'right' },
  { key: 'value', header: 'Value', value: (l) => l.value, render: (l) => (l.value === '' ? <span className="muted">(empty)</span> : l.value) },
  { key: 'reason', header: 'Why', value: (l) => l.reason },
]

interface Outcome {
  source: string
  header: NumberLines['header']
  upload: DoNotCallUpload
}

function UploadOutcome({ outcome }: { outcome: Outcome }) {
  const { upload, header } = outcome
  const shown = upload.invalid.slice(0, SHOWN_INVALID)
  return (
    <div className="dnc-outcome" data-testid="dnc-outcome">
      <p role="status">
        {outcome.source}: {plural(upload.added, 'number added', 'numbers added')}, {formatInteger(upload.alreadyListed)} already on the list (unchanged),{' '}
        {plural(upload.invalid.length, 'invalid line', 'invalid lines')}.
        {header && ` Line ${header.line} was read as the header (column “${header.column}”).`}
      </p>
      {upload.stopped && (
        <p className="notice notice-warning" role="alert">
          Stopped at line {formatInteger(upload.stopped.line)}: {upload.stopped.message} The lines before it are loaded. Add the same file again to load the rest: numbers already on the list are left as they are.
        </p>
      )}
      {shown.length > 0 && (
        <>
          {upload.invalid.length > shown.length && (
            <p className="muted">
              The first {formatInteger(shown.length)} of {formatInteger(upload.invalid.length)} invalid lines are shown.
            </p>
          )}
          <DataTable caption="Invalid lines" columns={INVALID_COLUMNS} rows={shown} rowKey={(l) => String(l.line)} exportName="do-not-call-invalid-lines" />
        </>
      )}
    </div>
  )
}

/** Upload a file or paste numbers; sent in parts with progress, stoppable, safe to repeat. */
function AddNumbers() {
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [pasted, setPasted] = useState('')
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const abortRef = useRef<AbortController | null>(null)
  const running = progress !== null

  async function add(text: string, source: string) {
    setError(null)
    setOutcome(null)
    let lines: NumberLines
    try {
      lines = readNumberLines(text)
    } catch (e) {
      if (e instanceof NumberLinesError) {
        setError(e.message)
        return
      }
      throw e
    }
    if (lines.entries.length === 0) {
      setError(`${source} holds no numbers${lines.header ? ' after its header' : ''}.`)
      return
    }
    const controller = new AbortController()
    abortRef.current = controller
    setProgress({ linesSent: 0, lines: lines.entries.length })
    try {
      const upload = await uploadDoNotCall(lines.entries, source, { onProgress: setProgress, signal: controller.signal })
      setOutcome({ source, header: lines.header, upload })
    } finally {
      abortRef.current = null
      setProgress(null)
    }
  }

  async function submitFile(event: React.FormEvent) {
    event.preventDefault()
    if (!file) {
      setError('Choose a file of numbers first.')
      return
    }
    await add(await file.text(), file.name)
    setFile(null)
    if (fileRef.current) fileRef.current.value = ''
  }

  async function submitPasted(event: React.FormEvent) {
    event.preventDefault()
    if (pasted.trim() === '') {
      setError('Paste at least one number.')
      return
    }
    await add(pasted, 'Pasted numbers')
  }

  return (
    <div className="dnc-block">
      <h3>Add numbers</h3>
      <p className="muted">
        A text or CSV file, or pasted text: one number per line in any common US format ((415) 555-0101, 415.555.0101, +1 415 555 0101…), with or without a header line; in a CSV with several
        columns the header names the phone column. Big files are sent {formatInteger(LINES_PER_PART)} lines at a time. Adding a number that is already listed changes nothing, so a file can be sent again.
      </p>
      <div className="two-columns">
        <form className="upload-form" onSubmit={submitFile} aria-label="Upload a file of numbers">
          <div className="field">
            <label htmlFor={`${id}-file`}>File of numbers (.csv, .txt)</label>
            <input id={`${id}-file`} ref={fileRef} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={running} />
          </div>
          <button type="submit" className="button primary" disabled={running}>
            Upload file
          </button>
        </form>
        <form className="upload-form" onSubmit={submitPasted} aria-label="Paste numbers">
          <div className="field">
            <label htmlFor={`${id}-paste`}>Or paste numbers, one per line</label>
            <textarea id={`${id}-paste`} rows={4} cols={28} value={pasted} onChange={(e) => setPasted(e.target.value)} disabled={running} />
          </div>
          <button type="submit" className="button primary" disabled={running}>
            Add pasted numbers
          </button>
        </form>
      </div>
      {progress && (
        <div className="progress-row">
          <progress max={Math.max(1, progress.lines)} value={progress.linesSent} aria-label="Do-not-call upload progress" />
          <span role="status" aria-live="polite">
            Sent {formatInteger(progress.linesSent)} of {plural(progress.lines, 'line', 'lines')}…
          </span>
          <button type="button" className="button" onClick={() => abortRef.current?.abort()}>
            Stop
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {outcome && <UploadOutcome outcome={outcome} />}
    </div>
  )
}

/** Asks whether one number is listed: the only way the list can be read. */
function CheckNumber() {
  const id = useId()
  const [number, setNumber] = useState('')
  const [answer, setAnswer] = useState<{ number: string; listed: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const n = number.trim()
    setAnswer(null)
    if (!n) {
      setError('Enter a number to check.')
      return
    }
    setError(null)
    setRunning(true)
    try {
      setAnswer({ number: n, listed: await onDoNotCallList(n) })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setRunning(false)
    }
  }

  return (
    <div className="dnc-block">
      <h3>Check a number</h3>
      <form className="upload-form" onSubmit={submit} aria-label="Check a number">
        <div className="field">
          <label htmlFor={`${id}-check`}>Number to check</label>
          <input id={`${id}-check`} value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={running}>
          Check
        </button>
      </form>
      {answer && (
        <p role="status" data-testid="dnc-check">
          {answer.number} {answer.listed ? 'is on the do-not-call list.' : 'is not on the do-not-call list.'}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Takes numbers off the list (audited); refused lines named by their line in the box. */
function RemoveNumbers() {
  const id = useId()
  const [text, setText] = useState('')
  const [result, setResult] = useState<{ removed: number; notListed: number; invalid: InvalidLine[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    setResult(null)
    const { entries } = readNumberLines(text, { detectHeader: false })
    if (entries.length === 0) {
      setError('Enter at least one number to remove.')
      return
    }
    if (entries.length > MAX_REMOVE) {
      setError(`Remove at most ${formatInteger(MAX_REMOVE)} numbers at a time.`)
      return
    }
    setError(null)
    setRunning(true)
    try {
      const answer = await removeDoNotCall(entries.map((e) => e.value))
      // the answer names positions in the list sent; the box's lines are what the person sees
      const invalid = answer.invalid.map((bad) => ({ ...bad, line: entries[bad.line - 1]?.line ?? bad.line }))
      setResult({ removed: answer.removed, notListed: Math.max(0, entries.length - invalid.length - answer.removed), invalid })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setRunning(false)
    }
  }

  return (
    <div className="dnc-block">
      <h3>Remove numbers</h3>
      <form className="upload-form" onSubmit={submit} aria-label="Remove numbers">
        <div className="field">
          <label htmlFor={`${id}-remove`}>Numbers to remove, one per line</label>
          <textarea id={`${id}-remove`} rows={3} cols={28} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={running}>
          Remove numbers
        </button>
      </form>
      {result && (
        <div role="status" data-testid="dnc-removed">
          <p>
            {plural(result.removed, 'number removed', 'numbers removed')}
            {result.notListed > 0 && `; ${plural(result.notListed, 'was', 'were')} not on the list`}.
          </p>
          {result.invalid.length > 0 && (
            <ul>
              {result.invalid.map((l) => (
                <li key={l.line}>
                  Line {l.line} ({l.value || 'empty'}): {l.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/**
 * The internal do-not-call list (ADMIN only: the page leaves it out for other roles, the server refuses them).
 * It is stored as keyed hashes of the numbers, so it can be added to, taken from and asked about, never shown.
 */
export function DoNotCallPanel() {
  return (
    <section className="panel" aria-labelledby="dnc-title">
      <h2 id="dnc-title">Do-not-call list</h2>
      <p className="muted">
        A call to a number on this internal list breaks rule US-DNC from the moment the number was added. The list is stored only as keyed hashes of the numbers, so it cannot be shown or
        downloaded, here or anywhere: numbers can only be added, removed, or checked one at a time. Each change is audited (how many numbers, never which).
      </p>
      <AddNumbers />
      <CheckNumber />
      <RemoveNumbers />
    </section>
  )
}
