import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, render, screen, waitFor } from '@testing-library/react'
import type { TypedDocumentString } from '@/gql/graphql'
import { saveSession, type AuthSession } from './auth'
import { invalidateQueries, operationName, queryClient, useQuery } from './graphql-client'

type Doc = TypedDocumentString<{ n: number }, Record<string, unknown>>
const USERS = 'query Users { users { id } }' as unknown as Doc
const AUDIT = 'query AuditLog($first: Int) { auditLog(first: $first) { id } }' as unknown as Doc
const session = (username: string): AuthSession => ({ token: `t-${username}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username, role: 'ADMIN', advertiserId: null })

/** A server counting the requests per operation; each answer carries how many came before it. */
function countingServer() {
  const calls: Record<string, number> = {}
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const name = /query (\w+)/.exec((JSON.parse(init.body as string) as { query: string }).query)![1]
    calls[name] = (calls[name] ?? 0) + 1
    return new Response(JSON.stringify({ data: { n: calls[name] } }), { status: 200 })
  })
  vi.stubGlobal('fetch', fetchMock)
  return calls
}

function Show({ doc, label, interval }: { doc: Doc; label: string; interval?: number }) {
  const { data, loading } = useQuery(doc, {}, { refetchInterval: interval })
  return <p>{loading ? `${label} loading` : `${label} ${data?.n}`}</p>
}

describe('the data layer', () => {
  beforeEach(() => {
    localStorage.clear()
    queryClient.clear()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('keys queries by operation name', () => {
    expect(operationName(AUDIT as TypedDocumentString<unknown, unknown>)).toBe('AuditLog')
  })

  it('sends one request for every component asking the same thing', async () => {
    const calls = countingServer()
    render(
      <>
        <Show doc={USERS} label="a" />
        <Show doc={USERS} label="b" />
      </>,
    )
    expect(await screen.findByText('a 1')).toBeTruthy()
    expect(screen.getByText('b 1')).toBeTruthy()
    expect(calls.Users).toBe(1)
  })

  it('refreshes only the operations a change invalidates', async () => {
    const calls = countingServer()
    render(
      <>
        <Show doc={USERS} label="users" />
        <Show doc={AUDIT} label="audit" />
      </>,
    )
    expect(await screen.findByText('users 1')).toBeTruthy()
    expect(await screen.findByText('audit 1')).toBeTruthy()
    await act(() => invalidateQueries('Users'))
    expect(await screen.findByText('users 2')).toBeTruthy()
    expect(screen.getByText('audit 1')).toBeTruthy()
    expect(calls).toEqual({ Users: 2, AuditLog: 1 })
  })

  it('asks again on its interval without showing a loading state', async () => {
    countingServer()
    render(<Show doc={USERS} label="live" interval={50} />)
    expect(await screen.findByText('live 1')).toBeTruthy()
    expect(await screen.findByText('live 3')).toBeTruthy()
    expect(screen.queryByText('live loading')).toBeNull()
  })

  it('drops the answers of the previous user, but keeps them when the same user renews the token', async () => {
    const calls = countingServer()
    saveSession(session('ann'))
    render(<Show doc={USERS} label="users" />)
    expect(await screen.findByText('users 1')).toBeTruthy()
    act(() => saveSession({ ...session('ann'), token: 'renewed' }))
    expect(queryClient.getQueryData(['Users', {}])).toEqual({ n: 1 })
    act(() => saveSession(session('bob')))
    expect(queryClient.getQueryData(['Users', {}])).toBeUndefined()
    await waitFor(() => expect(calls.Users).toBe(2))
    expect(await screen.findByText('users 2')).toBeTruthy()
  })
})
