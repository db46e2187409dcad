import { authHeader, clearSession } from '@/lib/auth'

/** The REST ingest endpoint's answer (ARCHITECTURE §5). */
export interface IngestResponse {
  batchId: number | string
  rowsRead: number
  accepted: number
  rejected: number
  duplicates: number
  rejects: { line: number; callId: string | null; field: string | null; value: string | null; reason: string }[]
  sameFileAsBatchId?: number | null
  ignoredColumns?: string[] | null
}

export const INGEST_ENDPOINT = '/api/ingest/calls'

/**
 * Uploads a call file as multipart (fetch cannot report upload progress, XMLHttpRequest can).
 * Resolves with the batch result; rejects with the server's message.
 */
export function uploadCalls(file: File, timeZone: string, onProgress: (fraction: number) => void): { promise: Promise<IngestResponse>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<IngestResponse>((resolve, reject) => {
    const body = new FormData()
    body.append('file', file, file.name)
    xhr.open('POST', `${INGEST_ENDPOINT}?timeZone=${encodeURIComponent(timeZone)}`)
    xhr.setRequestHeader('accept', 'application/json')
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      if (xhr.status === 401) {
        clearSession()
        reject(new Error('Your session has ended. Sign in again, then upload the file again.'))
        return
      }
      if (xhr.status === 403) {
        reject(new Error('Your role may not upload call files. Ask an administrator.'))
        return
      }
      let json: unknown = null
      try {
        json = JSON.parse(xhr.responseText)
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && json) {
        resolve(json as IngestResponse)
      } else {
        const message = (json as { message?: string; error?: string } | null)?.message ?? (json as { error?: string } | null)?.error
        reject(new Error(message ?? `The server answered ${xhr.status} ${xhr.statusText}.`))
      }
    }
    xhr.onerror = () => reject(new Error('The upload failed: the server cannot be reached.'))
    xhr.onabort = () => reject(new Error('The upload was cancelled.'))
    xhr.send(body)
  })
  return { promise, abort: () => xhr.abort() }
}
