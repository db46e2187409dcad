import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AUTH_STORAGE_KEY } from '@/lib/auth'
import { App } from './app'

function signInAs(role: 'ADMIN' | 'ANALYST' | 'ADVERTISER') {
  localStorage.setItem(
    AUTH_STORAGE_KEY,
    JSON.stringify({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'u', role, advertiserId: role === 'ADVERTISER' ? 'ADV-1' : null }),
  )
}

describe('App routing', () => {
  beforeEach(() => {
    localStorage.clear()
    // Every query answers with nothing: only the routing is under test.
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: null, errors: [{ message: 'not in this test' }] }), { status: 200 })))
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends a signed-out visitor to the login page, remembering the page', async () => {
    window.history.pushState({}, '', '/calls?range=last7')
    render(<App />)
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Fcalls%3Frange%3Dlast7')
  })

  it('sends an advertiser from any other page to its feed', async () => {
    signInAs('ADVERTISER')
    window.history.pushState({}, '', '/campaigns')
    render(<App />)
    await waitFor(() => expect(window.location.pathname).toBe('/feed'))
  })

  it('signs out to the login page, without a page to come back to', async () => {
    signInAs('ANALYST')
    window.history.pushState({}, '', '/admin/audit')
    render(<App />)
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(window.location.pathname + window.location.search).toBe('/login')
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
  })

  it('tells an analyst that an admin page is not for its role', async () => {
    signInAs('ANALYST')
    window.history.pushState({}, '', '/admin/users')
    render(<App />)
    expect((await screen.findByRole('alert')).textContent).toContain('Your role (ANALYST) may not open this page')
  })
})
