import { request, type FullConfig } from '@playwright/test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ADMIN_STATE, loginApi, storageStateFor } from './support/auth'

/**
 * Signs in as the demo admin and keeps the session as browser storage for every spec; then waits
 * until the backend is ready: its demo data is in once the first forecast refresh has run.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!
  const api = await request.newContext({ baseURL })
  try {
    const session = await loginApi(api, 'admin')
    mkdirSync(dirname(ADMIN_STATE), { recursive: true })
    writeFileSync(ADMIN_STATE, JSON.stringify(storageStateFor(new URL(baseURL).origin, session), null, 2))
    const headers = { authorization: `Bearer ${session.token}` }
    const deadline = Date.now() + 120_000
    for (;;) {
      const response = await api.post('/graphql', { headers, data: { query: '{ forecastRuns(last: 1) { status seriesRefreshed } }' } })
      const body = await response.json()
      if (body.errors) throw new Error(`GraphQL error while waiting for the backend: ${JSON.stringify(body.errors)}`)
      const runs = body.data?.forecastRuns ?? []
      if (runs.length > 0 && runs[0].status === 'COMPLETED' && runs[0].seriesRefreshed > 0) return
      if (runs.length > 0 && runs[0].status === 'FAILED') throw new Error('The first forecast refresh failed; see the backend log')
      if (Date.now() > deadline) throw new Error(`No completed forecast refresh within 120 s (last: ${JSON.stringify(runs)})`)
      await new Promise((r) => setTimeout(r, 1000))
    }
  } finally {
    await api.dispose()
  }
}
