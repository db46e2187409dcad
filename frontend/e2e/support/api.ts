import type { APIRequestContext } from '@playwright/test'

/** GraphQL straight to the backend: the oracle the numbers on screen are checked against. */
export async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables } })
  const body = await response.json()
  if (body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`)
  return body.data as T
}

/** The last-30-days window the app uses by default in UTC (from inclusive, to exclusive). */
export function last30DaysUtc(now = new Date()): { from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z')
  return { from: iso(today - 29 * 86_400_000), to: iso(today + 86_400_000) }
}

/** Parses a number as the app formats it (thousands separators). */
export function parseShownNumber(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9.-]/g, ''))
}
