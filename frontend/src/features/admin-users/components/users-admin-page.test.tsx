import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { clearQueryCache } from '@/lib/graphql-client'
import UsersAdminPage from './users-admin-page'

const key = { id: '7', name: 'Acme CRM', prefix: 'cs_7f3a', role: 'ADVERTISER', advertiserId: 'ADV-1', createdBy: 'admin', createdAt: '2030-01-01T10:00:00Z', lastUsedAt: null, revokedAt: null }

/** A GraphQL server with the page's operations; records the mutations it was sent. */
function fakeServer() {
  const keys: (typeof key)[] = []
  const sent: { query: string; variables: Record<string, unknown> }[] = []
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
    sent.push(body)
    let data: unknown
    if (body.query.includes('query Users')) data = { users: [{ id: '1', username: 'admin', role: 'ADMIN', advertiserId: null, disabled: false, lockedUntil: null, lastLoginAt: null, createdAt: null }] }
    else if (body.query.includes('query ApiKeys')) data = { apiKeys: keys }
    else if (body.query.includes('query Dimensions')) data = { advertisers: [{ advertiserId: 'ADV-1', name: 'Acme' }], campaigns: [], agents: [], dataAsOf: null }
    else if (body.query.includes('mutation CreateApiKey')) {
      keys.push(key)
      data = { createApiKey: { key: 'cs_7f3a.secret-value-123', apiKey: key } }
    } else throw new Error(`unexpected operation ${body.query}`)
    return new Response(JSON.stringify({ data }), { status: 200 })
  })
  return { fetchMock, sent }
}

describe('Users and keys: a new API key', () => {
  beforeEach(() => clearQueryCache())
  afterEach(() => vi.unstubAllGlobals())

  it('is shown once, with the advertiser it was made for, then only its prefix remains', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    const user = userEvent.setup()
    render(
      <MemoryRouter>
        <UsersAdminPage />
      </MemoryRouter>,
    )
    const form = await screen.findByRole('form', { name: 'Create an API key' })
    await user.click(within(form).getByRole('button', { name: 'Create key' }))
    expect(within(form).getByRole('alert').textContent).toContain('Name the key')

    await user.type(within(form).getByLabelText('Key name'), 'Acme CRM')
    await user.selectOptions(await within(form).findByLabelText('Advertiser'), 'ADV-1')
    await user.click(within(form).getByRole('button', { name: 'Create key' }))

    const notice = await screen.findByRole('region', { name: 'New API key "Acme CRM"' })
    expect(within(notice).getByTestId('one-time-secret').textContent).toBe('cs_7f3a.secret-value-123')
    const create = server.sent.find((s) => s.query.includes('mutation CreateApiKey'))!
    expect(create.variables).toEqual({ name: 'Acme CRM', role: 'ADVERTISER', advertiserId: 'ADV-1' })
    expect(await screen.findByRole('table', { name: 'API keys' })).toBeTruthy()

    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText('cs_7f3a.secret-value-123')).toBeNull()
    expect(within(screen.getByRole('table', { name: 'API keys' })).getByText('cs_7f3a…')).toBeTruthy()
  })
})
