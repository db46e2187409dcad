import { useSyncExternalStore } from 'react'
import type { Role } from '@/gql/graphql'

export type { Role }

/** What `POST /api/auth/login` answers, kept in localStorage so that a reload or a new tab stays signed in. */
export interface AuthSession {
  token: string
  /** ISO-8601 */
  expiresAt: string
  username: string
  role: Role
  advertiserId: string | null
}

export const AUTH_STORAGE_KEY = 'callsight.auth'
export const LOGIN_ENDPOINT = '/api/auth/login'
/** Exchanges a valid token for a fresh one (same answer as the login). */
export const RENEW_ENDPOINT = '/api/auth/renew'

function isSession(value: unknown): value is AuthSession {
  const v = value as Partial<AuthSession> | null
  return typeof v?.token === 'string' && typeof v.expiresAt === 'string' && typeof v.username === 'string' && typeof v.role === 'string'
}

/** The session a sign-in or renewal answered, without any other field the answer may carry. */
function sessionFrom(body: AuthSession): AuthSession {
  return { token: body.token, expiresAt: body.expiresAt, username: body.username, role: body.role, advertiserId: body.advertiserId ?? null }
}

function expired(session: AuthSession, now = Date.now()): boolean {
  const at = Date.parse(session.expiresAt)
  return Number.isNaN(at) || at <= now
}

// The parsed session is kept with the raw text it came from: useSyncExternalStore needs the same
// object for as long as the stored entry does not change.
let cachedRaw: string | null = null
let cachedSession: AuthSession | null = null
const listeners = new Set<() => void>()

function notify() {
  for (const listener of [...listeners]) listener()
}

function readStored(): AuthSession | null {
  let raw: string | null
  try {
    raw = localStorage.getItem(AUTH_STORAGE_KEY)
  } catch {
    return null
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : null
      cachedSession = isSession(parsed) ? { ...parsed, advertiserId: parsed.advertiserId ?? null } : null
    } catch {
      cachedSession = null
    }
  }
  return cachedSession
}

/** The signed-in session, or null when there is none or it has expired (an expired one is removed). */
export function getSession(): AuthSession | null {
  const session = readStored()
  if (session && expired(session)) {
    clearSession()
    return null
  }
  return session
}

/** As getSession, without side effects (for rendering). */
function peekSession(): AuthSession | null {
  const session = readStored()
  return session && !expired(session) ? session : null
}

// Whether the last session ended with "Sign out" (then the login page does not offer to come back).
let signedOut = false

export function saveSession(session: AuthSession) {
  signedOut = false
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(session))
  notify()
}

export function clearSession() {
  const had = readStored() !== null
  try {
    localStorage.removeItem(AUTH_STORAGE_KEY)
  } catch {
    /* storage unavailable: nothing was kept */
  }
  if (had) notify()
}

/**
 * Ends the session only when it still holds `token`: a refusal of a token that was renewed meanwhile (a request or
 * a socket that left with the old one) leaves the renewed session alone.
 */
export function clearSessionIfToken(token: string | null | undefined) {
  const current = readStored()
  if (current !== null && token !== null && token !== undefined && current.token === token) clearSession()
}

/** Called on every sign-in and sign-out (and on changes made in another tab). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === AUTH_STORAGE_KEY || event.key === null) notify()
  })
}

/** The current session for components; re-renders on sign-in, sign-out and expiry. */
export function useSession(): AuthSession | null {
  return useSyncExternalStore(onSessionChange, peekSession, () => null)
}

/** Ends the session when its token expires while the app stays open. */
export function scheduleExpiry(session: AuthSession): () => void {
  const delay = Date.parse(session.expiresAt) - Date.now()
  // setTimeout overflows beyond about 24.8 days; such a session is checked again on each request.
  if (Number.isNaN(delay) || delay > 2_000_000_000) return () => {}
  const timer = setTimeout(() => clearSessionIfToken(session.token), Math.max(0, delay))
  return () => clearTimeout(timer)
}

export function authHeader(): Record<string, string> {
  const session = getSession()
  return session ? { authorization: `Bearer ${session.token}` } : {}
}

/**
 * fetch with the bearer token; a 401 answer ends the session, which sends the app to the login page
 * (the route guard watches the session).
 */
export async function authFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const token = getSession()?.token
  if (token) headers.set('authorization', `Bearer ${token}`)
  const response = await fetch(input, { ...init, headers })
  if (response.status === 401) clearSessionIfToken(token)
  return response
}

/** Why a sign-in failed, in words for the person signing in. */
export class LoginError extends Error {
  readonly kind: 'invalid' | 'locked' | 'unavailable'
  readonly retryAfterSeconds: number | null
  constructor(kind: LoginError['kind'], message: string, retryAfterSeconds: number | null = null) {
    super(message)
    this.name = 'LoginError'
    this.kind = kind
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** "4 minutes", "1 hour 5 minutes", "30 seconds". */
export function describeWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`
  const minutes = Math.ceil(s / 60)
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${h} hour${h === 1 ? '' : 's'}${m ? ` ${m} minute${m === 1 ? '' : 's'}` : ''}`
}

/** Signs in; stores and returns the session, or rejects with a LoginError. */
export async function login(username: string, password: string): Promise<AuthSession> {
  let response: Response
  try {
    response = await fetch(LOGIN_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  } catch {
    throw new LoginError('unavailable', 'The Callsight server cannot be reached. Check that it is running, then retry.')
  }
  let body: Record<string, unknown> | null = null
  try {
    body = (await response.json()) as Record<string, unknown>
  } catch {
    /* no JSON body: described by the status below */
  }
  if (response.status === 401) {
    throw new LoginError('invalid', 'Wrong user name or password. Check both and try again.')
  }
  if (response.status === 429) {
    const retry = Number(body?.retryAfterSeconds ?? response.headers.get('retry-after'))
    const wait = Number.isFinite(retry) && retry > 0 ? retry : null
    throw new LoginError(
      'locked',
      `This account is locked after too many failed sign-ins. ${wait ? `Try again in ${describeWait(wait)}` : 'Try again later'}, or ask an administrator to unlock it.`,
      wait,
    )
  }
  if (!response.ok || !isSession(body)) {
    const detail = typeof body?.error === 'string' ? ` ${body.error}` : ''
    throw new LoginError('unavailable', `Signing in failed: the server answered ${response.status}.${detail}`)
  }
  const session = sessionFrom(body)
  saveSession(session)
  return session
}

/**
 * Replaces the current session by a renewed one (a later expiry) and returns it; null when there
 * is no session or the server no longer accepts its token (then the session ends). Rejects when
 * the server cannot be reached or answers otherwise: the caller tries again later.
 */
export async function renewSession(): Promise<AuthSession | null> {
  const current = getSession()
  if (!current) return null
  const response = await fetch(RENEW_ENDPOINT, {
    method: 'POST',
    headers: { authorization: `Bearer ${current.token}`, accept: 'application/json' },
  })
  if (response.status === 401) {
    if (getSession()?.token === current.token) clearSession()
    return null
  }
  if (!response.ok) throw new Error(`Renewing the session failed: the server answered ${response.status}.`)
  const body: unknown = await response.json()
  if (!isSession(body)) throw new Error('Renewing the session failed: the answer is not a session.')
  // Another tab may have signed in as someone else meanwhile: that session stays.
  if (getSession()?.token !== current.token) return getSession()
  const renewed = sessionFrom(body)
  saveSession(renewed)
  return renewed
}

export function logout() {
  signedOut = true
  clearSession()
}

/** True after "Sign out", false after a session expired or was refused. */
export function endedBySignOut(): boolean {
  return signedOut
}

/** Where a signed-out person is sent: the login page, remembering the page to come back to. */
export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login'
}

/** A `next` parameter is followed only to a path of this app (never to another site). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null
  return next
}
