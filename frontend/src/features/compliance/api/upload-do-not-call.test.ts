import { afterEach, describe, expect, it, vi } from 'vitest'
import { uploadDoNotCall, type UploadProgress } from './upload-do-not-call'

/** The upload endpoint: refuses values without 10 digits, naming the part's line (its header is line 1). */
function endpoint({ failOnPart }: { failOnPart?: number } = {}) {
  const parts: { url: string; body: string }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    parts.push({ url, body: init.body as string })
    if (parts.length === failOnPart) return new Response(JSON.stringify({ code: 'UNAVAILABLE', error: 'The database is not reachable.' }), { status: 503 })
    const values = (init.body as string).split('\n').slice(1, -1)
    const invalid = values.flatMap((v, i) => (v.replace(/\D/g, '').length === 10 ? [] : [{ line: i + 2, value: v, reason: 'not a phone number' }]))
    return new Response(JSON.stringify({ rowsRead: values.length, added: values.length - invalid.length, alreadyListed: 0, invalid }), { status: 200 })
  })
  return { parts, fetchMock }
}

const entries = [
  { line: 2, value: '4155550101' },
  { line: 3, value: 'bad' },
  { line: 5, value: '4155550102' },
  { line: 6, value: '' },
  { line: 7, value: '4155550103' },
  { line: 9, value: 'a,"b' },
]

describe('uploadDoNotCall', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends the entries in parts, one after the other, and maps each refusal to its line in the file', async () => {
    const server = endpoint()
    vi.stubGlobal('fetch', server.fetchMock)
    const progress: UploadProgress[] = []
    const result = await uploadDoNotCall(entries, 'dnc.csv', { linesPerPart: 2, onProgress: (p) => progress.push(p) })
    expect(server.parts.map((p) => p.body)).toEqual(['phone\n4155550101\nbad\n', 'phone\n4155550102\n4155550103\n', 'phone\n"a,""b"\n'])
    expect(server.parts.map((p) => new URL(p.url, 'http://x').searchParams.get('fileName'))).toEqual(['dnc.csv (lines 2-3)', 'dnc.csv (lines 5-7)', 'dnc.csv (lines 9-9)'])
    expect(progress).toEqual([
      { linesSent: 0, lines: 5 },
      { linesSent: 2, lines: 5 },
      { linesSent: 4, lines: 5 },
      { linesSent: 5, lines: 5 },
    ])
    expect(result).toEqual({
      linesRead: 6,
      added: 3,
      alreadyListed: 0,
      invalid: [
        { line: 3, value: 'bad', reason: 'not a phone number' },
        { line: 6, value: '', reason: 'missing phone number' },
        { line: 9, value: 'a,"b', reason: 'not a phone number' },
      ],
      stopped: null,
    })
  })

  it('stops at the first part the server refuses and says from which line on nothing was loaded', async () => {
    const server = endpoint({ failOnPart: 2 })
    vi.stubGlobal('fetch', server.fetchMock)
    const result = await uploadDoNotCall(entries, 'dnc.csv', { linesPerPart: 2 })
    expect(server.parts).toHaveLength(2)
    expect(result.added).toBe(1)
    expect(result.stopped).toEqual({ line: 5, message: 'The database is not reachable.' })
  })

  it('stops before the next part once aborted', async () => {
    const server = endpoint()
    vi.stubGlobal('fetch', server.fetchMock)
    const controller = new AbortController()
    const result = await uploadDoNotCall(entries, 'dnc.csv', {
      linesPerPart: 2,
      signal: controller.signal,
      onProgress: (p) => p.linesSent === 2 && controller.abort(),
    })
    expect(server.parts).toHaveLength(1)
    expect(result.stopped).toEqual({ line: 5, message: 'Stopped.' })
  })
})
