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

  it('asks the server for a signed link with the bearer token, then lets the browser open it (no blob in the page)', async () => {
    const signed = '/api/calls/export.csv?campaignIds=C1&dl=signed'
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ url: signed, expiresAt: '2026-11-30T12:01:00Z' }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const opened: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.getAttribute('href') ?? '')
    })
    await expect(downloadCallsCsv({ campaignIds: ['C1'] })).resolves.toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/)
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/auth/download-link')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({ path: '/api/calls/export.csv?campaignIds=C1' })
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer tok')
    expect(opened).toEqual([signed])
    click.mockRestore()
  })

  it('says why when the server refuses', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 'BAD_INPUT', error: 'from must be an ISO-8601 time' }), { status: 400 })))
    await expect(downloadCallsCsv({ from: 'x' })).rejects.toThrow('from must be an ISO-8601 time')
  })
})
