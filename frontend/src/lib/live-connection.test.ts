import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TypedDocumentString } from '@/gql/graphql'
import type { AuthSession } from './auth'

/**
 * A WebSocket the test plays the server of: it sees what the client sends and answers with
 * graphql-transport-ws messages, opens, closes.
 */
class FakeSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  static all: FakeSocket[] = []
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  sent: { type: string; id?: string; payload?: unknown }[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  readonly url: string
  readonly protocol: string
  constructor(url: string, protocol: string) {
    this.url = url
    this.protocol = protocol
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code = 1000, reason = '') {
    if (this.readyState === 3) return
    this.readyState = 3
    this.onclose?.({ code, reason, wasClean: code === 1000 })
  }
  // ---- the server's side ----
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
  drop(code = 1006) {
    this.close(code, '')
  }
  get subscribeId(): string | undefined {
    return this.sent.find((m) => m.type === 'subscribe')?.id
  }
}

const DOC = 'subscription Tick { tick }' as unknown as TypedDocumentString<{ tick: number }, Record<string, never>>

const session = (token: string): AuthSession => ({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'u', role: 'ADMIN', advertiserId: null })

async function load() {
  vi.resetModules()
  const auth = await import('./auth')
  const live = await import('./live-connection')
  return { auth, live }
}

const latest = () => FakeSocket.all.at(-1)!
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

async function connect(socket: FakeSocket) {
  socket.open()
  await vi.waitFor(() => expect(socket.sent[0]?.type).toBe('connection_init'))
  socket.receive({ type: 'connection_ack' })
  await vi.waitFor(() => expect(socket.subscribeId).toBeDefined())
}

describe('live connection', () => {
  beforeEach(() => {
    FakeSocket.all = []
    localStorage.clear()
    vi.stubGlobal('WebSocket', FakeSocket)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('connects to /graphql on the same host with the bearer token, and says when it is live', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('tok-1'))
    const next = vi.fn()
    const stop = live.subscribe(DOC, {}, { next, error: vi.fn() })
    expect(live.getLiveConnectionState().status).toBe('connecting')
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    const socket = latest()
    expect(socket.url).toBe(`ws://${window.location.host}/graphql`)
    expect(socket.protocol).toBe('graphql-transport-ws')
    await connect(socket)
    expect(socket.sent[0]).toEqual({ type: 'connection_init', payload: { Authorization: 'Bearer tok-1' } })
    expect(live.getLiveConnectionState().status).toBe('live')
    socket.receive({ type: 'next', id: socket.subscribeId, payload: { data: { tick: 7 } } })
    expect(next).toHaveBeenCalledWith({ tick: 7 })
    stop()
  })

  it('reconnects after the server goes away, showing "reconnecting since" meanwhile, and subscribes again', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('tok-1'))
    const next = vi.fn()
    const stop = live.subscribe(DOC, {}, { next, error: vi.fn() })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    await connect(latest())
    const before = Date.now()
    latest().drop(1006)
    const lost = live.getLiveConnectionState()
    expect(lost.status).toBe('reconnecting')
    expect(lost.since).toBeGreaterThanOrEqual(before)
    // Refused attempts keep the first "since".
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 2_000 })
    latest().drop(1006)
    expect(live.getLiveConnectionState()).toMatchObject({ status: 'reconnecting', since: lost.since })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(3), { timeout: 3_000 })
    await connect(latest())
    expect(live.getLiveConnectionState().status).toBe('live')
    latest().receive({ type: 'next', id: latest().subscribeId, payload: { data: { tick: 8 } } })
    expect(next).toHaveBeenLastCalledWith({ tick: 8 })
    stop()
  })

  it('keeps retrying after a close the library takes for fatal (internal server error)', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('tok-1'))
    const error = vi.fn()
    const stop = live.subscribe(DOC, {}, { next: vi.fn(), error })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    await connect(latest())
    latest().drop(4500)
    await flush()
    expect(live.getLiveConnectionState().status).toBe('reconnecting')
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 2_000 })
    await connect(latest())
    expect(live.getLiveConnectionState().status).toBe('live')
    expect(error).not.toHaveBeenCalled()
    stop()
  })

  it('reports a refused subscription to the page, in words', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('tok-1'))
    const error = vi.fn()
    const stop = live.subscribe(DOC, {}, { next: vi.fn(), error })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    await connect(latest())
    latest().receive({ type: 'error', id: latest().subscribeId, payload: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] })
    await vi.waitFor(() => expect(error).toHaveBeenCalled())
    expect(error.mock.calls[0][0]).toMatchObject({ message: 'Forbidden', code: 'FORBIDDEN' })
    stop()
  })

  it('moves to a new socket with the new token when the session is renewed', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('tok-1'))
    const stop = live.subscribe(DOC, {}, { next: vi.fn(), error: vi.fn() })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    const first = latest()
    await connect(first)
    auth.saveSession(session('tok-2'))
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2))
    await connect(latest())
    expect(latest().sent[0]).toEqual({ type: 'connection_init', payload: { Authorization: 'Bearer tok-2' } })
    await vi.waitFor(() => expect(first.readyState).toBe(FakeSocket.CLOSED))
    expect(live.getLiveConnectionState().status).toBe('live')
    stop()
  })

  it('asks the REST API about a token the WebSocket refuses, which ends a dead session', async () => {
    const { auth, live } = await load()
    auth.saveSession(session('revoked'))
    const fetchMock = vi.fn(async () => new Response('{}', { status: 401 }))
    vi.stubGlobal('fetch', fetchMock)
    const stop = live.subscribe(DOC, {}, { next: vi.fn(), error: vi.fn() })
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    latest().open()
    latest().drop(4403)
    await vi.waitFor(() => expect(auth.getSession()).toBeNull())
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('/api/auth/me')
    stop()
  })

  it('waits longer after each failed attempt, never more than about 5 s', async () => {
    const { live } = await load()
    const delays = [0, 1, 2, 3, 4, 10, 1000].map((n) => live.retryDelayMs(n, () => 1))
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000])
    expect(live.retryDelayMs(3, () => 0)).toBe(3200)
    expect(live.webSocketUrl({ protocol: 'https:', host: 'callsight.example:8443' })).toBe('wss://callsight.example:8443/graphql')
  })
})
