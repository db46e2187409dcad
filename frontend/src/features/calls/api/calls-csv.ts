import type { CallFilter } from '@/gql/graphql'
import { downloadFromServer } from '@/lib/csv'

export const CALLS_CSV_ENDPOINT = '/api/calls/export.csv'

const LISTS = ['campaignIds', 'advertiserIds', 'agentIds', 'callStatuses', 'leadStatuses'] as const

/** The export's URL: the `calls` query's filter as query parameters (lists repeated). */
export function callsCsvUrl(filter: CallFilter): string {
  const params = new URLSearchParams()
  if (filter.from) params.set('from', String(filter.from))
  if (filter.to) params.set('to', String(filter.to))
  for (const key of LISTS) for (const value of filter[key] ?? []) if (value != null) params.append(key, value)
  const query = params.toString()
  return query ? `${CALLS_CSV_ENDPOINT}?${query}` : CALLS_CSV_ENDPOINT
}

/**
 * Every call of the filter as CSV, written by the server row by row from the database (no page size, no limit in
 * the browser) and saved as a download.
 */
export function downloadCallsCsv(filter: CallFilter, signal?: AbortSignal): Promise<string> {
  return downloadFromServer(callsCsvUrl(filter), `calls-${new Date().toISOString().slice(0, 10)}.csv`, {
    signal,
    forbidden: 'Your role may not export calls.',
  })
}
