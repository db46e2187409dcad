import { useSyncExternalStore } from 'react'
import { createClient, type Client } from 'graphql-ws'
import type { TypedDocumentString } from '@/gql/graphql'
import { authFetch, clearSessionIfToken, getSession, onSessionChange } from './auth'

/**
 * GraphQL subscriptions over one WebSocket (graphql-transport-ws, same host, `/graphql`), for pages
 * left open for a whole shift: the socket reconnects forever after a server restart or a network
 * loss, and the connection's state is observable so that a page can say on screen whether its
 * numbers are live.
 */

export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting'

export interface LiveConnectionState {
  status: LiveStatus
  /** When this status began (ms since epoch): "reconnecting since 14:02:11". */
  since: number
  /** Why the last connection ended, for the badge's tooltip. */
  lastProblem: string | null
}

/** An error the server answered a subscription with (FORBIDDEN, BAD_INPUT...), in words. */
export class SubscriptionError extends Error {
  readonly code: string | undefined
  constructor(message: string, code?: string) {
    super(message)
    this.name = 'SubscriptionError'
    this.code = code
  }
}

export interface LiveSink<T> {
  next: (data: T) => void
  /** A GraphQL error; the subscription is tried again later. Connection problems are not errors: they show in the state. */
  error: (error: SubscriptionError) => void
}

export const MAX_RETRY_DELAY_MS = 5_000
/** The server's pong must come within this after a ping, or the socket is taken for dead. */
const KEEP_ALIVE_MS = 10_000
const PONG_TIMEOUT_MS = 5_000
/** A subscription the server refused (role, bad input) is tried again this much later. */
const REFUSED_RETRY_MS = 30_000
/** The server closes with 4403 when it refuses the token of connection_init. */
const FORBIDDEN_CLOSE = 4403
const SESSION_CHECK_EVERY_MS = 30_000

/**
 * Wait before the n-th reconnection attempt (0 = first after a loss): 0.5 s, 1 s, 2 s, 4 s, then
 * 5 s for ever; up to 20% shorter at random, so that a room of wallboards does not reconnect in step.
 */
export function retryDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.max(0, retries))
  return Math.round(base * (0.8 + 0.2 * random()))
}

/** ws://host/graphql from http pages, wss:// from https. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`
}

// ---- connection state, for useSyncExternalStore ----

let state: LiveConnectionState = { status: 'idle', since: Date.now(), lastProblem: null }
const stateListeners = new Set<() => void>()

function setState(status: LiveStatus, lastProblem: string | null = state.lastProblem) {
  if (status === state.status && lastProblem === state.lastProblem) return
  // "Reconnecting since" counts from the first failed attempt, not from each new one.
  const since = status === state.status ? state.since : Date.now()
  state = { status, since, lastProblem }
  for (const listener of [...stateListeners]) listener()
}

export function getLiveConnectionState(): LiveConnectionState {
  return state
}

export function onLiveConnectionChange(listener: () => void): () => void {
  stateListeners.add(listener)
  return () => stateListeners.delete(listener)
}

/** The WebSocket's state for a page's badge. */
export function useLiveConnection(): LiveConnectionState {
  return useSyncExternalStore(onLiveConnectionChange, getLiveConnectionState, getLiveConnectionState)
}

/** Until the first connection succeeds the page is "connecting"; after that, "reconnecting since". */
function connectionLost(problem: string) {
  setState(state.status === 'connecting' || state.status === 'idle' ? 'connecting' : 'reconnecting', problem)
}

function describeClose(event: unknown): string {
  const e = event as { code?: number; reason?: string } | null
  if (e && typeof e.code === 'number') return `connection closed (${e.code}${e.reason ? `: ${e.reason}` : ''})`
  if (e instanceof Error) return e.message
  return 'connection failed'
}

let sessionCheckedAt = 0

/**
 * A refused token (revoked, user disabled, expired while the server was down) would otherwise be
 * retried for ever: ask the REST API, whose 401 ends the session and leads to the login page.
 */
function checkSessionAfterRefusal() {
  if (Date.now() - sessionCheckedAt < SESSION_CHECK_EVERY_MS || !getSession()) return
  sessionCheckedAt = Date.now()
  authFetch('/api/auth/me').catch(() => {
    /* server unreachable: the next refusal asks again */
  })
}

// ---- the client and its subscriptions ----

interface Entry {
  query: string
  variables: Record<string, unknown>
  sink: LiveSink<unknown>
  /** Ends the current graphql-ws subscription, if any. */
  stop: (() => void) | null
  timer: ReturnType<typeof setTimeout> | null
  failures: number
}

const entries = new Set<Entry>()
let client: Client | null = null
let clientToken: string | null = null
/** Resolves the wait before the next reconnection attempt early (the network is back, the tab is visible). */
let wakeUp: (() => void) | null = null

function createLiveClient(): Client {
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  const created: Client = createClient({
    url: webSocketUrl(),
    // Read at every (re)connection, so a renewed token is used from the next socket on.
    connectionParams: () => {
      const token = getSession()?.token
      return token ? { Authorization: `Bearer ${token}` } : {}
    },
    lazy: true,
    // Moving from one live page to another keeps the socket.
    lazyCloseTimeout: 3_000,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, retryDelayMs(retries))
        function done() {
          clearTimeout(timer)
          if (wakeUp === done) wakeUp = null
          resolve()
        }
        wakeUp = done
      }),
    on: {
      connecting: () => {
        // A new client after a token renewal keeps showing "live" until its socket is up or fails.
        if (created === client && state.status === 'idle') setState('connecting', null)
      },
      connected: () => {
        if (created !== client) return
        for (const entry of entries) entry.failures = 0
        setState('live', null)
      },
      closed: (event) => {
        clearTimeout(pongTimer)
        if (created !== client) return
        if (entries.size === 0) setState('idle', null)
        else connectionLost(describeClose(event))
        if ((event as { code?: number } | null)?.code === FORBIDDEN_CLOSE) checkSessionAfterRefusal()
      },
      ping: (received) => {
        // A socket can stay "open" long after the network is gone; a missing pong finds out.
        if (received) return
        clearTimeout(pongTimer)
        pongTimer = setTimeout(() => created.terminate(), PONG_TIMEOUT_MS)
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer)
      },
    },
  })
  return created
}

/** The client for the current token: a new token (renewal, another user) gets a new client. */
function currentClient(): Client {
  const token = getSession()?.token ?? null
  if (!client || token !== clientToken) {
    const old = client
    client = createLiveClient()
    clientToken = token
    if (old) void old.dispose()
  }
  return client
}

function graphQLError(errors: readonly { message: string; extensions?: Record<string, unknown> }[]): SubscriptionError {
  const first = errors[0]
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined
  return new SubscriptionError(first?.message ?? 'The server refused this subscription.', code)
}

function isGraphQLErrorList(value: unknown): value is { message: string; extensions?: Record<string, unknown> }[] {
  return Array.isArray(value) && value.every((e) => typeof (e as { message?: unknown })?.message === 'string')
}

function retryLater(entry: Entry, delayMs: number) {
  if (!entries.has(entry) || entry.timer) return
  entry.timer = setTimeout(() => {
    entry.timer = null
    start(entry)
  }, delayMs)
}

function start(entry: Entry) {
  if (!entries.has(entry)) return
  entry.stop?.()
  let ended = false
  const client = currentClient()
  const token = clientToken // the token this client's socket signs in with
  const stop = client.subscribe<Record<string, unknown>>(
    { query: entry.query, variables: entry.variables },
    {
      next: (result) => {
        if (result.errors?.length) entry.sink.error(graphQLError(result.errors))
        else if (result.data) entry.sink.next(result.data)
      },
      error: (error) => {
        ended = true
        if (entry.stop !== stop) return
        entry.stop = null
        if (isGraphQLErrorList(error)) {
          const refused = graphQLError(error)
          if (refused.code === 'UNAUTHENTICATED') clearSessionIfToken(token)
          entry.sink.error(refused)
          retryLater(entry, REFUSED_RETRY_MS)
          return
        }
        // A close the library takes for fatal (4400, 4500, 1011...): this page still wants its data.
        connectionLost(describeClose(error))
        retryLater(entry, retryDelayMs(entry.failures++))
      },
      complete: () => {
        if (ended || entry.stop !== stop) return
        // The server ended the stream (shutting down, say): subscribe again.
        entry.stop = null
        retryLater(entry, retryDelayMs(entry.failures++))
      },
    },
  )
  entry.stop = stop
}

/**
 * Subscribes to a GraphQL subscription; returns the function that ends it. Connection problems are
 * not reported to the sink: the subscription resumes by itself, and `useLiveConnection` says so.
 */
export function subscribe<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, sink: LiveSink<TResult>): () => void {
  const entry: Entry = {
    query: document.toString(),
    variables: (variables ?? {}) as Record<string, unknown>,
    sink: sink as LiveSink<unknown>,
    stop: null,
    timer: null,
    failures: 0,
  }
  entries.add(entry)
  if (state.status === 'idle') setState('connecting', null)
  start(entry)
  return () => {
    if (!entries.delete(entry)) return
    if (entry.timer) clearTimeout(entry.timer)
    const stop = entry.stop
    entry.stop = null
    stop?.()
    // The socket closes a little later (lazyCloseTimeout); its "closed" event then sets "idle".
  }
}

/** Every subscription again on a new socket (the token changed, or the tab woke up after a long sleep). */
function restartAll() {
  for (const entry of entries) {
    if (entry.timer) {
      clearTimeout(entry.timer)
      entry.timer = null
    }
    start(entry)
  }
}

onSessionChange(() => {
  const token = getSession()?.token ?? null
  if (token === clientToken) return
  if (!token) {
    // Signed out: nothing may be subscribed with the old credentials.
    const old = client
    client = null
    clientToken = null
    if (old) void old.dispose()
    setState('idle', null)
    return
  }
  if (entries.size > 0) restartAll()
})

if (typeof window !== 'undefined') {
  const retryNow = () => wakeUp?.()
  window.addEventListener('online', retryNow)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retryNow()
  })
}
