import { downloadFromServer } from '@/lib/csv'

export const LEADS_CSV_ENDPOINT = '/api/feeds/leads.csv'

/** Downloads the feed's CSV (leads after `since`), as the server streams it. */
export async function downloadLeadsCsv(since: number, advertiserId: string | null): Promise<string> {
  const params = new URLSearchParams({ since: String(since) })
  if (advertiserId) params.set('advertiserId', advertiserId)
  return downloadFromServer(
    `${LEADS_CSV_ENDPOINT}?${params}`,
    `leads${advertiserId ? `-${advertiserId}` : ''}-since-${since}.csv`,
    { forbidden: 'Your role may not download this feed.' },
  )
}
