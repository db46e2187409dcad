import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { AUTH_STORAGE_KEY } from '@/lib/auth'
import LoginPage from './login-page'

function Where() {
  const location = useLocation()
  return <p data-testid="location">{location.pathname + location.search}</p>
}

function renderAt(entry: string) {
  return render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  )
}

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
}

async function signIn(username: string, password: string) {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('User name'), username)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('LoginPage', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => vi.unstubAllGlobals())

  it('stores the session and goes back to the page in next', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString()
    const fetchMock = answer(200, { token: 'tok-1', expiresAt, username: 'analyst', role: 'ANALYST', advertiserId: null })
    vi.stubGlobal('fetch', fetchMock)
    renderAt('/login?next=%2Fcampaigns%3Frange%3Dlast7')

    await signIn('analyst', 'callsight-demo')

    expect(await screen.findByTestId('location')).toHaveProperty('textContent', '/campaigns?range=last7')
    expect(JSON.parse(localStorage.getItem(AUTH_STORAGE_KEY)!)).toEqual({ token: 'tok-1', expiresAt, username: 'analyst', role: 'ANALYST', advertiserId: null })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/auth/login')
    expect(JSON.parse(init.body as string)).toEqual({ username: 'analyst', password: 'callsight-demo' })
  })

  it('sends an advertiser to its feed when there is no next page', async () => {
    vi.stubGlobal('fetch', answer(200, { token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), username: 'advertiser1', role: 'ADVERTISER', advertiserId: 'ADV-1' }))
    renderAt('/login')
    await signIn('advertiser1', 'callsight-demo')
    expect(await screen.findByTestId('location')).toHaveProperty('textContent', '/feed')
  })

  it('says the password is wrong on 401 and stores nothing', async () => {
    vi.stubGlobal('fetch', answer(401, { code: 'UNAUTHENTICATED', error: 'bad credentials' }))
    renderAt('/login?next=%2Foverview')
    await signIn('admin', 'nope')
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong user name or password. Check both and try again.')
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '')
  })

  it('says the account is locked on 429, with how long to wait', async () => {
    vi.stubGlobal('fetch', answer(429, { code: 'LOCKED', error: 'locked', retryAfterSeconds: 290 }))
    renderAt('/login')
    await signIn('admin', 'nope')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This account is locked after too many failed sign-ins.')
    expect(alert.textContent).toContain('Try again in 5 minutes')
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
  })

  it('asks for both fields before calling the server', async () => {
    const fetchMock = answer(200, {})
    vi.stubGlobal('fetch', fetchMock)
    renderAt('/login')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }))
    expect(screen.getByRole('alert').textContent).toBe('Enter your user name and password.')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('never follows a next parameter to another site', async () => {
    vi.stubGlobal('fetch', answer(200, { token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), username: 'admin', role: 'ADMIN', advertiserId: null }))
    renderAt('/login?next=%2F%2Fevil.example%2F')
    await signIn('admin', 'callsight-demo')
    expect(await screen.findByTestId('location')).toHaveProperty('textContent', '/overview')
  })
})
