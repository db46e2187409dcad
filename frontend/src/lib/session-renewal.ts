import { getSession, onSessionChange, renewSession, type AuthSession } from './auth'

/**
 * Keeps a session signed in for as long as the app stays open (a wallboard on a TV, a long shift):
 * the token is renewed a few minutes before it expires, and at once when a tab that slept wakes up
 * close to (but before) the expiry. A session that did expire is not revived: the login page comes.
 */

export const RENEW_BEFORE_MS = 5 * 60_000
/** Timers do not run while a laptop sleeps; checking often (and on wake-up) catches up. */
const CHECK_EVERY_MS = 30_000
/** A renewal that failed (server busy or restarting) is tried again this soon while the token is still valid. */
export const RETRY_MS = 2_000

/** When the token was issued (JWT `iat`), or null when it cannot be read. */
export function issuedAt(token: string): number | null {
  try {
    const payload = token.split('.')[1]
    if (!payload) return null
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown }
    return typeof json.iat === 'number' ? json.iat * 1000 : null
  } catch {
    return null
  }
}

/**
 * When to renew: five minutes before the expiry, or after two thirds of the token's life for short
 * tokens (a 6-minute token is renewed after 4 minutes, not at once). `seenAt` stands for the issue
 * time when the token does not say.
 */
export function renewAt(session: AuthSession, seenAt: number): number {
  const expires = Date.parse(session.expiresAt)
  const lifetime = expires - (issuedAt(session.token) ?? seenAt)
  return expires - Math.min(RENEW_BEFORE_MS, Math.max(0, lifetime) / 3)
}

/** Starts renewing the signed-in session when due; returns the function that stops it. */
export function keepSessionFresh(): () => void {
  // When this tab first saw each token: stands for its issue time when the token does not say.
  const seen = new Map<string, number>()
  function noteToken() {
    const token = getSession()?.token
    if (token && !seen.has(token)) seen.set(token, Date.now())
  }
  let running = false
  // A token that is due before the next regular check (a short lifetime) gets a check of its own.
  let dueTimer: ReturnType<typeof setTimeout> | undefined
  function planFor(session: AuthSession | null) {
    clearTimeout(dueTimer)
    if (!session) return
    const due = renewAt(session, seen.get(session.token) ?? Date.now()) - Date.now()
    // Overdue: the renewal failed; try again soon, while the token still has time left.
    const left = Date.parse(session.expiresAt) - Date.now()
    const wait = due > 0 ? due : left > RETRY_MS ? RETRY_MS : 0
    if (wait > 0 && wait < CHECK_EVERY_MS) dueTimer = setTimeout(() => void check(), wait)
  }
  // After a failure (server restarting, no network) the next check tries again.
  async function check() {
    const session = getSession()
    if (!session || running) return
    noteToken()
    if (Date.now() < renewAt(session, seen.get(session.token)!)) {
      planFor(session)
      return
    }
    running = true
    try {
      await renewSession()
    } catch {
      /* tried again at the next check */
    } finally {
      running = false
    }
    noteToken()
    planFor(getSession())
  }
  function onVisible() {
    if (document.visibilityState === 'visible') void check()
  }
  void check()
  const timer = setInterval(() => void check(), CHECK_EVERY_MS)
  // A sign-in (or a renewal in another tab) plans its own renewal: a short token may be due before
  // the next regular check.
  const stopNoting = onSessionChange(() => {
    noteToken()
    void check()
  })
  document.addEventListener('visibilitychange', onVisible)
  window.addEventListener('online', onVisible)
  window.addEventListener('focus', onVisible)
  return () => {
    clearInterval(timer)
    clearTimeout(dueTimer)
    stopNoting()
    document.removeEventListener('visibilitychange', onVisible)
    window.removeEventListener('online', onVisible)
    window.removeEventListener('focus', onVisible)
  }
}
