import { readFileSync } from 'node:fs'
import type { APIRequestContext, Browser, PlaywrightWorkerArgs } from '@playwright/test'

/** The demo users of the backend's demo mode, all with the demo password. */
export const DEMO_PASSWORD = process.env.CALLSIGHT_DEMO_PASSWORD ?? 'callsight-demo'
export const AUTH_KEY = 'callsight.auth'
/** The admin's browser storage, written by global-setup: every spec starts signed in as admin. */
export const ADMIN_STATE = 'test-results/auth/admin.json'

export interface Session {
  token: string
  expiresAt: string
  username: string
  role: 'ADMIN' | 'ANALYST' | 'ADVERTISER'
  advertiserId: string | null
}

/** Signs in through the API, as the login page does. */
export async function loginApi(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await request.post('/api/auth/login', { data: { username, password } })
  if (!response.ok()) throw new Error(`Login of ${username} failed: ${response.status()} ${await response.text()}`)
  return (await response.json()) as Session
}

/** A storage state holding the session in localStorage, as the app keeps it. */
export function storageStateFor(origin: string, session: Session) {
  return { cookies: [], origins: [{ origin, localStorage: [{ name: AUTH_KEY, value: JSON.stringify(session) }] }] }
}

/** The admin session global-setup stored. */
export function adminSession(): Session {
  const state = JSON.parse(readFileSync(ADMIN_STATE, 'utf8')) as ReturnType<typeof storageStateFor>
  return JSON.parse(state.origins[0].localStorage[0].value) as Session
}

/** A browser context signed in as a demo user (through the login API, as the app would be). */
export async function contextSignedInAs(
  browser: Browser,
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  username: string,
) {
  const api = await playwright.request.newContext({ baseURL })
  try {
    const session = await loginApi(api, username)
    return await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, storageState: storageStateFor(new URL(baseURL).origin, session) })
  } finally {
    await api.dispose()
  }
}
