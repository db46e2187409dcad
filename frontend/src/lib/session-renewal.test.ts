import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getSession, renewSession, saveSession, type AuthSession } from './auth'
import { issuedAt, keepSessionFresh, renewAt } from './session-renewal'

const MINUTE = 60_000

function jwt(payload: object): string {
  const encode = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.signature`
}

const session = (over: Partial<AuthSession> = {}): AuthSession => ({
  token: 'tok-1',
  expiresAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
  username: 'wallboard',
  role: 'ANALYST',
  advertiserId: null,
  ...over,
})

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
}

describe('session renewal', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('renews five minutes before the expiry, or after two thirds of a short token', () => {
    const issued = Date.UTC(2025, 0, 6, 8, 0, 0)
    const hour = session({ token: jwt({ iat: issued / 1000 }), expiresAt: new Date(issued + 60 * MINUTE).toISOString() })
    expect(renewAt(hour, 0)).toBe(issued + 55 * MINUTE)
    const short = session({ token: jwt({ iat: issued / 1000 }), expiresAt: new Date(issued + 6 * MINUTE).toISOString() })
    expect(renewAt(short, 0)).toBe(issued + 4 * MINUTE)
    // A token that does not say when it was issued counts from when this tab first saw it.
    const opaque = session({ token: 'opaque', expiresAt: new Date(issued + 3 * MINUTE).toISOString() })
    expect(issuedAt('opaque')).toBeNull()
    expect(renewAt(opaque, issued)).toBe(issued + 2 * MINUTE)
  })

  it('posts the current token and keeps the renewed session', async () => {
    saveSession(session())
    const renewed = { token: 'tok-2', expiresAt: new Date(Date.now() + 120 * MINUTE).toISOString(), username: 'wallboard', role: 'ANALYST', advertiserId: null }
    const fetchMock = answer(200, renewed)
    vi.stubGlobal('fetch', fetchMock)
    await expect(renewSession()).resolves.toMatchObject({ token: 'tok-2' })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/auth/renew')
    expect(init.method).toBe('POST')
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer tok-1')
    expect(getSession()?.token).toBe('tok-2')
  })

  it('ends the session when the server no longer accepts the token, and keeps it when the server is down', async () => {
    saveSession(session())
    vi.stubGlobal('fetch', answer(503, { error: 'restarting' }))
    await expect(renewSession()).rejects.toThrow('503')
    expect(getSession()?.token).toBe('tok-1')
    vi.stubGlobal('fetch', answer(401, { error: 'expired' }))
    await expect(renewSession()).resolves.toBeNull()
    expect(getSession()).toBeNull()
  })

  it('renews by itself when due, and when the tab wakes up', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const start = Date.UTC(2025, 0, 6, 8, 0, 0)
    vi.setSystemTime(start)
    const first = jwt({ iat: start / 1000 })
    saveSession(session({ token: first, expiresAt: new Date(start + 60 * MINUTE).toISOString() }))
    const fetchMock: ReturnType<typeof vi.fn> = vi.fn(async () =>
      new Response(JSON.stringify({ token: jwt({ iat: Math.floor(Date.now() / 1000), n: fetchMock.mock.calls.length }), expiresAt: new Date(Date.now() + 60 * MINUTE).toISOString(), username: 'wallboard', role: 'ANALYST' }), { status: 200 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const stop = keepSessionFresh()
    vi.advanceTimersByTime(50 * MINUTE)
    await Promise.resolve()
    expect(fetchMock).not.toHaveBeenCalled()
    vi.advanceTimersByTime(5 * MINUTE)
    await vi.waitFor(() => expect(getSession()?.token).not.toBe(first))
    expect(fetchMock).toHaveBeenCalledTimes(1)

    // A laptop that slept: timers did not run, the clock moved on; waking up renews at once.
    fetchMock.mockClear()
    vi.setSystemTime(Date.now() + 57 * MINUTE)
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
    stop()
  })
})

describe('session renewal of short tokens', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('renews a 15-second token when due, not only at the 30-second check, again and again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    const start = Date.UTC(2025, 0, 6, 8, 0, 0)
    vi.setSystemTime(start)
    const first = jwt({ iat: start / 1000 })
    saveSession(session({ token: first, expiresAt: new Date(start + 15_000).toISOString() }))
    const fetchMock: ReturnType<typeof vi.fn> = vi.fn(async () =>
      new Response(JSON.stringify({ token: jwt({ iat: Math.floor(Date.now() / 1000), n: fetchMock.mock.calls.length }), expiresAt: new Date(Date.now() + 15_000).toISOString(), username: 'wallboard', role: 'ANALYST' }), { status: 200 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const stop = keepSessionFresh()
    // Due after two thirds of its life: 10 s.
    await vi.advanceTimersByTimeAsync(9_000)
    expect(fetchMock).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1_500)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    // Still signed in long past the first token's expiry.
    await vi.advanceTimersByTimeAsync(40_000)
    expect(getSession()).not.toBeNull()
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(4)
    stop()
  })

  it('tries a failed renewal again before the token expires', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    const start = Date.UTC(2025, 0, 6, 8, 0, 0)
    vi.setSystemTime(start)
    const first = jwt({ iat: start / 1000 })
    saveSession(session({ token: first, expiresAt: new Date(start + 15_000).toISOString() }))
    // The server is busy at the first attempt (10 s), then answers.
    const fetchMock: ReturnType<typeof vi.fn> = vi.fn(async () =>
      fetchMock.mock.calls.length === 1
        ? new Response(JSON.stringify({ error: 'busy' }), { status: 503 })
        : new Response(JSON.stringify({ token: jwt({ iat: Math.floor(Date.now() / 1000), n: fetchMock.mock.calls.length }), expiresAt: new Date(Date.now() + 15_000).toISOString(), username: 'wallboard', role: 'ANALYST' }), { status: 200 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const stop = keepSessionFresh()
    await vi.advanceTimersByTimeAsync(10_500)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(getSession()?.token).toBe(first)
    // Again 2 s later, well before the expiry at 15 s (not at the regular check at 30 s).
    await vi.advanceTimersByTimeAsync(2_500)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(getSession()?.token).not.toBe(first)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(getSession()).not.toBeNull()
    stop()
  })

  it('plans the renewal of a session signed in after the app started, before the next regular check', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    const start = Date.UTC(2025, 0, 6, 8, 0, 0)
    vi.setSystemTime(start)
    const fetchMock: ReturnType<typeof vi.fn> = vi.fn(async () =>
      new Response(JSON.stringify({ token: jwt({ iat: Math.floor(Date.now() / 1000), n: fetchMock.mock.calls.length }), expiresAt: new Date(Date.now() + 15_000).toISOString(), username: 'wallboard', role: 'ANALYST' }), { status: 200 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    // The app starts on the login page: nothing to renew yet.
    const stop = keepSessionFresh()
    await vi.advanceTimersByTimeAsync(2_000)
    const first = jwt({ iat: Date.now() / 1000 })
    saveSession(session({ token: first, expiresAt: new Date(Date.now() + 15_000).toISOString() }))
    // Due 10 s after the sign-in (12 s after the start), well before the regular check at 30 s.
    await vi.advanceTimersByTimeAsync(9_000)
    expect(fetchMock).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1_500)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(getSession()?.token).not.toBe(first)
    stop()
  })
})
