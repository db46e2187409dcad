/** CSV (RFC 4180) of table rows, and the browser download of it or of a file the server streams. */

import { authFetch } from '@/lib/auth'

export interface CsvColumn<Row> {
  header: string
  value: (row: Row) => string | number | boolean | null | undefined
}

function escapeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  // A leading = + - @ would run as a formula in a spreadsheet; quote such cells with a tab guard.
  const guarded = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => escapeCell(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => escapeCell(c.value(row))).join(','))
  return lines.join('\r\n') + '\r\n'
}

export function downloadCsv(fileName: string, csv: string) {
  downloadBlob(fileName, new Blob([csv], { type: 'text/csv;charset=utf-8' }))
}

/** Saves a file the page made or fetched, as the browser's download of it. */
export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Why a download failed, in words: the server's message when it sent one. */
async function failure(response: Response, forbidden: string): Promise<Error> {
  let message = `The server answered ${response.status} ${response.statusText}.`
  try {
    const body = (await response.json()) as { error?: string; message?: string }
    message = body.error ?? body.message ?? message
  } catch {
    /* not JSON */
  }
  if (response.status === 401) message = 'Your session has ended. Sign in again to download the file.'
  if (response.status === 403) message = forbidden
  return new Error(message)
}

/**
 * Downloads a file the server writes (a CSV export) the way a browser downloads any file, streamed to disk and never
 * held in the page: a plain link cannot carry the bearer token, so the server first signs a link for this user and
 * this export, good for a minute (POST /api/auth/download-link), and the browser opens it. Returns the file name.
 */
export async function downloadFromServer(
  url: string,
  fallbackName: string,
  options: { signal?: AbortSignal; forbidden?: string } = {},
): Promise<string> {
  const response = await authFetch('/api/auth/download-link', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ path: url }),
    signal: options.signal,
  })
  if (!response.ok) throw await failure(response, options.forbidden ?? 'Your role may not download this file.')
  const link = (await response.json()) as { url: string }
  const anchor = document.createElement('a')
  anchor.href = link.url
  anchor.download = fallbackName
  document.body.appendChild(anchor)
  anchor.click()
  anchor.remove()
  return fallbackName
}
