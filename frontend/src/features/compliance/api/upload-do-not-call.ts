import { authFetch } from '@/lib/auth'
import { invalidateQueries } from '@/lib/graphql-client'
import type { NumberLine } from '../components/number-lines'

export const DO_NOT_CALL_ENDPOINT = '/api/compliance/do-not-call'

/**
 * Lines per request. A part costs about 1 s on the demo data whatever its size up to several thousand (the server
 * then checks the stored calls to the numbers again, one scan): 5,000 loaded 20,000 numbers in 3.9 s, 2,000 in 12.4 s.
 */
export const LINES_PER_PART = 5000

export interface InvalidLine {
  line: number
  value: string
  reason: string
}

/** What POST /api/compliance/do-not-call answers (the fields read here). */
interface PartAnswer {
  rowsRead: number
  added: number
  alreadyListed: number
  invalid: InvalidLine[]
}

export interface DoNotCallUpload {
  /** Lines sent and read by the server. */
  linesRead: number
  added: number
  alreadyListed: number
  /** Refused lines with their line in the file (or the pasted text), in order. */
  invalid: InvalidLine[]
  /** Set when the upload stopped before the end (an error, or Stop): the first line not loaded, and why. */
  stopped: { line: number; message: string } | null
}

export interface UploadProgress {
  linesSent: number
  lines: number
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

async function failure(response: Response): Promise<string> {
  if (response.status === 401) return 'Your session has ended. Sign in again, then upload the rest again.'
  if (response.status === 403) return 'Only an administrator may change the do-not-call list.'
  try {
    const body = (await response.json()) as { error?: string; message?: string }
    return body.error ?? body.message ?? `The server answered ${response.status} ${response.statusText}.`
  } catch {
    return `The server answered ${response.status} ${response.statusText}.`
  }
}

/** Sends one part as a one-column CSV (header "phone" on line 1, the part's entries from line 2). */
async function sendPart(part: NumberLine[], source: string, signal?: AbortSignal): Promise<PartAnswer> {
  const body = `phone\n${part.map((e) => csvField(e.value)).join('\n')}\n`
  const fileName = `${source} (lines ${part[0].line}-${part[part.length - 1].line})`
  const response = await authFetch(`${DO_NOT_CALL_ENDPOINT}?${new URLSearchParams({ fileName })}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/json' },
    body,
    signal,
  })
  if (!response.ok) throw new Error(await failure(response))
  return (await response.json()) as PartAnswer
}

/**
 * Adds numbers to the do-not-call list in parts of `linesPerPart`, one request after the other, so a big file
 * neither holds the page nor one long request; each part's refused lines are mapped back to the file's lines.
 * Adding a listed number changes nothing, so after a stop the whole file can simply be sent again. Entries
 * without a value (an empty phone cell) are refused here, not sent.
 */
export async function uploadDoNotCall(
  entries: NumberLine[],
  source: string,
  { onProgress, signal, linesPerPart = LINES_PER_PART }: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal; linesPerPart?: number } = {},
): Promise<DoNotCallUpload> {
  const result: DoNotCallUpload = { linesRead: 0, added: 0, alreadyListed: 0, invalid: [], stopped: null }
  const missing = new Map<number, InvalidLine>()
  const toSend: NumberLine[] = []
  for (const e of entries) {
    if (e.value.trim() === '') missing.set(e.line, { line: e.line, value: '', reason: 'missing phone number' })
    else toSend.push(e)
  }
  result.linesRead = missing.size
  const refused: InvalidLine[] = [...missing.values()]
  onProgress?.({ linesSent: 0, lines: toSend.length })
  for (let start = 0; start < toSend.length; start += linesPerPart) {
    const part = toSend.slice(start, start + linesPerPart)
    if (signal?.aborted) {
      result.stopped = { line: part[0].line, message: 'Stopped.' }
      break
    }
    let answer: PartAnswer
    try {
      answer = await sendPart(part, source, signal)
    } catch (e) {
      const message = (e as Error).name === 'AbortError' ? 'Stopped.' : (e as Error).message
      result.stopped = { line: part[0].line, message }
      break
    }
    result.linesRead += answer.rowsRead
    result.added += answer.added
    result.alreadyListed += answer.alreadyListed
    for (const bad of answer.invalid ?? []) {
      // line 1 of the part is its header: the part's entry k is on line k + 2 (shown as the file has it)
      const entry = part[bad.line - 2]
      refused.push(entry ? { line: entry.line, value: entry.value, reason: bad.reason } : bad)
    }
    onProgress?.({ linesSent: start + part.length, lines: toSend.length })
  }
  result.invalid = refused.sort((a, b) => a.line - b.line)
  if (result.added > 0) void invalidateQueries('ComplianceReport', 'HeldLeads')
  return result
}
