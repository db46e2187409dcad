import { downloadFromServer } from '@/lib/csv'

export const NEXT_ATTEMPTS_CSV_ENDPOINT = '/api/strategy/next-attempts.csv'

export function nextAttemptsCsvUrl(campaignId: string | null): string {
  return campaignId ? `${NEXT_ATTEMPTS_CSV_ENDPOINT}?${new URLSearchParams({ campaignId }).toString()}` : NEXT_ATTEMPTS_CSV_ENDPOINT
}

/** The recommended next attempt of every open lead, streamed by the server as CSV (for the dialer's list loader). */
export function downloadNextAttemptsCsv(campaignId: string | null, signal?: AbortSignal): Promise<string> {
  return downloadFromServer(nextAttemptsCsvUrl(campaignId), `next-attempts-${new Date().toISOString().slice(0, 10)}.csv`, {
    signal,
    forbidden: 'Your role may not export next attempts.',
  })
}
