import { authFetch, authHeader, clearSession } from '@/lib/auth'

/** What an upload does now: compressing in the browser, sending, then the server reading the rows. */
export type UploadPhase = 'compressing' | 'sending' | 'processing'

export interface UploadCallbacks {
  /** The phase changed; `fraction` of the file sent while sending. */
  onPhase: (phase: UploadPhase, fraction?: number) => void
  /** Rows the server has read so far (from the progress endpoint while it processes). */
  onRows?: (rows: number) => void
}

export interface UploadRequest {
  /** The REST endpoint, e.g. /api/ingest/calls. */
  endpoint: string
  file: File
  /** Query parameters (empty values are left out). */
  params: Record<string, string>
  /** Noun for messages, e.g. "call files". */
  noun: string
}

/** Files at least this large are gzip-compressed in the browser before they are sent, when they are text. */
export const COMPRESS_FROM_BYTES = 256 * 1024
const TEXT_FILE = /\.(csv|tsv|txt|json)$/i
const POLL_MS = 500

/** A text file worth compressing (a workbook, Parquet or .gz file is compressed already). */
export function worthCompressing(file: File): boolean {
  return TEXT_FILE.test(file.name) && file.size >= COMPRESS_FROM_BYTES && typeof CompressionStream !== 'undefined'
}

/** The file gzip-compressed, named name.gz (the server recognises gzip by its first bytes). */
export async function gzipFile(file: File): Promise<File> {
  const stream = file.stream().pipeThrough(new CompressionStream('gzip'))
  const blob = await new Response(stream).blob()
  return new File([blob], `${file.name}.gz`, { type: 'application/gzip' })
}

function newUploadId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`
}

/** Asks the server how many rows of the upload it has read, every half second, until stopped. */
function pollRows(uploadId: string, onRows: (rows: number) => void): () => void {
  let stopped = false
  const tick = async () => {
    if (stopped) return
    try {
      const response = await authFetch(`/api/ingest/progress/${encodeURIComponent(uploadId)}`, { headers: { accept: 'application/json' } })
      if (response.ok) {
        const body = (await response.json()) as { rowsRead?: number; phase?: string }
        if (!stopped && typeof body.rowsRead === 'number') onRows(body.rowsRead)
      }
    } catch {
      /* progress is advice: the answer of the upload itself tells the outcome */
    }
    if (!stopped) timer = setTimeout(tick, POLL_MS)
  }
  let timer = setTimeout(tick, POLL_MS)
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

function failure(xhr: XMLHttpRequest, noun: string): Error {
  if (xhr.status === 401) {
    clearSession()
    return new Error('Your session has ended. Sign in again, then upload the file again.')
  }
  if (xhr.status === 403) return new Error(`Your role may not upload ${noun}. Ask an administrator.`)
  let json: { message?: string; error?: string } | null = null
  try {
    json = JSON.parse(xhr.responseText) as { message?: string; error?: string }
  } catch {
    /* not JSON */
  }
  return new Error(json?.message ?? json?.error ?? `The server answered ${xhr.status} ${xhr.statusText}.`)
}

/**
 * Sends one file as multipart (XMLHttpRequest: fetch cannot report upload progress) with an upload id, so the
 * rows the server has read can be shown while it works. Text files of 256 KB and more are gzip-compressed first.
 * Resolves with the endpoint's JSON answer; rejects with the server's message.
 */
export function uploadFile<T>(request: UploadRequest, callbacks: UploadCallbacks): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  let aborted = false
  const promise = (async () => {
    let file = request.file
    if (worthCompressing(file)) {
      callbacks.onPhase('compressing')
      file = await gzipFile(file)
    }
    if (aborted) throw new Error('The upload was cancelled.')
    const uploadId = newUploadId()
    const query = new URLSearchParams(Object.entries(request.params).filter(([, v]) => v.trim() !== ''))
    return new Promise<T>((resolve, reject) => {
      let stopPolling: (() => void) | null = null
      const stop = () => stopPolling?.()
      const body = new FormData()
      body.append('file', file, file.name)
      xhr.open('POST', query.size > 0 ? `${request.endpoint}?${query}` : request.endpoint)
      xhr.setRequestHeader('accept', 'application/json')
      xhr.setRequestHeader('X-Upload-Id', uploadId)
      for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value)
      callbacks.onPhase('sending', 0)
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) callbacks.onPhase('sending', e.loaded / e.total)
      }
      xhr.upload.onload = () => {
        callbacks.onPhase('processing')
        if (callbacks.onRows && !stopPolling) stopPolling = pollRows(uploadId, callbacks.onRows)
      }
      xhr.onload = () => {
        stop()
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText) as T)
            return
          } catch {
            /* reported below */
          }
        }
        reject(failure(xhr, request.noun))
      }
      xhr.onerror = () => {
        stop()
        reject(new Error('The upload failed: the server cannot be reached.'))
      }
      xhr.onabort = () => {
        stop()
        reject(new Error('The upload was cancelled.'))
      }
      xhr.send(body)
    })
  })()
  return {
    promise,
    abort: () => {
      aborted = true
      xhr.abort()
    },
  }
}
