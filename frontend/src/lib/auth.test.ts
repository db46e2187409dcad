import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTH_STORAGE_KEY, authFetch, getSession, loginPath, onSessionChange, safeNext, saveSession, type AuthSession } from './auth'
import { ApiError, execute } from './graphql-client'
import type { TypedDocumentString } from '@/gql/graphql'

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()
const session = (over: Partial<AuthSession> = {}): AuthSession => ({ token: 'tok', expiresAt: inAnHour(), username: 'analyst', role: 'ANALYST', advertiserId: null, ...over })
const QUERY = '{ me { username } }' as unknown as TypedDocumentString<unknown, Record<string, never>>

function respond(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
}

describe('session', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => vi.unstubAllGlobals())

  it('reads the stored session and drops an expired one', () => {
    saveSession(session())
    expect(getSession()?.token).toBe('tok')
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(session({ expiresAt: new Date(Date.now() - 1000).toISOString() })))
    expect(getSession()).toBeNull()
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
  })

  it('sends the bearer token, and a 401 ends the session', async () => {
    saveSession(session({ token: 'abc' }))
    const fetchMock = respond(401, { code: 'UNAUTHENTICATED', error: 'expired' })
    vi.stubGlobal('fetch', fetchMock)
    const changes = vi.fn()
    const stop = onSessionChange(changes)
    await authFetch('/api/feeds/leads.csv?since=0')
    stop()
    const headers = new Headers((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].headers)
    expect(headers.get('authorization')).toBe('Bearer abc')
    expect(getSession()).toBeNull()
    expect(changes).toHaveBeenCalled()
  })

  it('ends the session on a GraphQL UNAUTHENTICATED error', async () => {
    saveSession(session())
    vi.stubGlobal('fetch', respond(200, { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }], data: null }))
    await expect(execute(QUERY, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again to continue.' })
    expect(getSession()).toBeNull()
  })

  it('keeps a session renewed while a request with the old token was refused', async () => {
    saveSession(session({ token: 'old' }))
    // the answer comes after the session was renewed: it refuses the old token, not the new one
    vi.stubGlobal('fetch', vi.fn(async () => {
      saveSession(session({ token: 'new' }))
      return new Response(JSON.stringify({ code: 'UNAUTHENTICATED' }), { status: 401 })
    }))
    await authFetch('/api/feeds/leads.csv?since=0')
    expect(getSession()?.token).toBe('new')
    saveSession(session({ token: 'old' }))
    vi.stubGlobal('fetch', vi.fn(async () => {
      saveSession(session({ token: 'new' }))
      return new Response(JSON.stringify({ errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }], data: null }), { status: 200 })
    }))
    await expect(execute(QUERY, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(getSession()?.token).toBe('new')
  })

  it('explains a FORBIDDEN error with the role, and keeps the session', async () => {
    saveSession(session())
    vi.stubGlobal('fetch', respond(200, { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }], data: null }))
    const error = (await execute(QUERY, {}).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('FORBIDDEN')
    expect(error.message).toBe('Your role (ANALYST) may not see or change this. Ask an administrator if you need access.')
    expect(getSession()).not.toBeNull()
  })

  it('remembers where to come back to, only within the app', () => {
    expect(loginPath('/calls?range=last7')).toBe('/login?next=%2Fcalls%3Frange%3Dlast7')
    expect(loginPath('/')).toBe('/login')
    expect(safeNext('/calls?x=1')).toBe('/calls?x=1')
    expect(safeNext('//evil.example')).toBeNull()
    expect(safeNext('https://evil.example')).toBeNull()
    expect(safeNext('/login?next=/x')).toBeNull()
  })
})
