import { authFetch } from '@/lib/auth'
import { downloadBlob } from '@/lib/csv'

export const LEADS_CSV_ENDPOINT = '/api/feeds/leads.csv'

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? ''
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
  return match ? decodeURIComponent(match[1]) : fallback
}

/**
 * Downloads the feed's CSV (leads after `since`). A plain link cannot carry the bearer token, so the
 * file is fetched with it and saved from a blob.
 */
export async function downloadLeadsCsv(since: number, advertiserId: string | null): Promise<string> {
  const params = new URLSearchParams({ since: String(since) })
  if (advertiserId) params.set('advertiserId', advertiserId)
  const response = await authFetch(`${LEADS_CSV_ENDPOINT}?${params}`, { headers: { accept: 'text/csv' } })
  if (!response.ok) {
    let message = `The server answered ${response.status} ${response.statusText}.`
    try {
      const body = (await response.json()) as { error?: string; message?: string }
      message = body.error ?? body.message ?? message
    } catch {
      /* not JSON */
    }
    if (response.status === 401) message = 'Your session has ended. Sign in again to download the file.'
    if (response.status === 403) message = 'Your role may not download this feed.'
    throw new Error(message)
  }
  const blob = await response.blob()
  const name = fileNameOf(response, `leads${advertiserId ? `-${advertiserId}` : ''}-since-${since}.csv`)
  downloadBlob(name, blob)
  return name
}
