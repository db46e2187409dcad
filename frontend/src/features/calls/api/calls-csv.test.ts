import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { saveSession } from '@/lib/auth'
import { callsCsvUrl, downloadCallsCsv } from './calls-csv'

describe('call list export', () => {
  beforeEach(() => {
    localStorage.clear()
    saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'analyst', role: 'ANALYST', advertiserId: null })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends the calls query filter as query parameters, lists repeated', () => {
    expect(callsCsvUrl({})).toBe('/api/calls/export.csv')
    const url = new URL(callsCsvUrl({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', campaignIds: ['C1', 'C,2'], agentIds: ['A&1'] }), 'http://x')
    expect(url.pathname).toBe('/api/calls/export.csv')
    expect(url.searchParams.get('from')).toBe('2026-10-01T00:00:00Z')
    expect(url.searchParams.get('to')).toBe('2026-11-01T00:00:00Z')
    expect(url.searchParams.getAll('campaignIds')).toEqual(['C1', 'C,2'])
    expect(url.searchParams.getAll('agentIds')).toEqual(['A&1'])
    expect(url.searchParams.has('advertiserIds')).toBe(false)
  })

  it('downloads what the server streams with the bearer token, under the name the server gives', async () => {
    const fetchMock = vi.fn(async () => new Response('\uFEFFcall_id\r\nc1\r\n', { status: 200, headers: { 'content-disposition': 'attachment; filename="calls-2026-11-30.csv"' } }))
    vi.stubGlobal('fetch', fetchMock)
    const created = vi.fn(() => 'blob:x')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await expect(downloadCallsCsv({ campaignIds: ['C1'] })).resolves.toBe('calls-2026-11-30.csv')
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/calls/export.csv?campaignIds=C1')
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer tok')
    expect(created).toHaveBeenCalledOnce()
    expect(click).toHaveBeenCalledOnce()
    click.mockRestore()
  })

  it('says why when the server refuses', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 'BAD_INPUT', error: 'from must be an ISO-8601 time' }), { status: 400 })))
    await expect(downloadCallsCsv({ from: 'x' })).rejects.toThrow('from must be an ISO-8601 time')
  })
})
