import { request, type FullConfig } from '@playwright/test'

/** The backend is ready once its demo data is in; the first forecast refresh runs just after, in the background. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!
  const api = await request.newContext({ baseURL })
  const deadline = Date.now() + 120_000
  try {
    for (;;) {
      const response = await api.post('/graphql', { data: { query: '{ forecastRuns(last: 1) { status seriesRefreshed } }' } })
      const runs = (await response.json()).data?.forecastRuns ?? []
      if (runs.length > 0 && runs[0].status === 'COMPLETED' && runs[0].seriesRefreshed > 0) return
      if (runs.length > 0 && runs[0].status === 'FAILED') throw new Error('The first forecast refresh failed; see the backend log')
      if (Date.now() > deadline) throw new Error(`No completed forecast refresh within 120 s (last: ${JSON.stringify(runs)})`)
      await new Promise((r) => setTimeout(r, 1000))
    }
  } finally {
    await api.dispose()
  }
}
