import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { navItemsFor } from '@/components/layout/app-shell'
import { canOpen } from '@/lib/access'
import { AUTH_STORAGE_KEY, type Role } from '@/lib/auth'
import { clearQueryCache } from '@/lib/graphql-client'
import CompliancePage from './compliance-page'

function signInAs(role: Role) {
  localStorage.setItem(
    AUTH_STORAGE_KEY,
    JSON.stringify({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'u', role, advertiserId: role === 'ADVERTISER' ? 'ADV-1' : null }),
  )
}

const call = (callId: string, rules: string[]) => ({
  callId,
  leadId: `L-${callId}`,
  dialTime: '2030-03-04T01:40:00Z',
  campaignId: 'C-1',
  agentId: 'A-1',
  agentName: 'Ann',
  toNumber: '+13055550100',
  rules,
  details: [`${rules[0]} broken`],
  locationKnown: true,
})

const rule = (over: Record<string, unknown>): Record<string, unknown> => ({
  jurisdiction: 'FL',
  weekdays: [],
  startTime: null,
  endTime: null,
  maxAttempts: null,
  windowHours: null,
  statuses: [],
  description: '',
  enabled: true,
  updatedAt: null,
  updatedBy: null,
  ...over,
})

/** The digits of a US number, or null (a stand-in for the server's libphonenumber check). */
function usDigits(value: string): string | null {
  const d = value.replace(/\D/g, '')
  const national = d.length === 11 && d.startsWith('1') ? d.slice(1) : d
  return national.length === 10 ? national : null
}

/**
 * The compliance API as the page uses it: GraphQL operations by name and the do-not-call upload (a one-column CSV
 * whose line 1 is its header), keeping state so that a change shows when the page asks again.
 */
function complianceServer() {
  const graphqlSent: { query: string; variables: Record<string, unknown> }[] = []
  const uploads: string[] = []
  const listed = new Set<string>()
  const rules = [
    rule({ code: 'FL-HOURS', kind: 'CALLING_HOURS', startTime: '08:00', endTime: '20:00', source: 'Fla. Stat. 501.616(6)(a)' }),
    rule({ code: 'FL-ATTEMPTS', kind: 'ATTEMPT_LIMIT', maxAttempts: 3, windowHours: 24, source: 'Fla. Stat. 501.616(6)(b)' }),
  ]
  const held = [
    { seq: 7, leadId: 'L-HELD', advertiserId: 'ADV-1', campaignId: 'C-1', callId: 'CALL-9', verifiedAt: '2030-03-04T01:45:00Z', phone: '+13055550100', reason: 'FL-HOURS', heldAt: '2030-03-04T01:45:01Z', releasedAt: null as string | null, releasedBy: null as string | null, releaseReason: null as string | null },
  ]
  const calls = [call('CALL-1', ['FL-HOURS']), call('CALL-2', ['FL-HOURS']), call('CALL-3', ['US-DNC'])]

  function graphqlAnswer(query: string, variables: Record<string, unknown>): unknown {
    if (query.includes('query ComplianceReport')) {
      const only = variables.rules as string[] | null
      const shown = calls.filter((c) => !only || c.rules.some((r) => only.includes(r)))
      return {
        complianceReport: {
          violatingCalls: 3,
          violations: 3,
          locationUnknownCalls: 0,
          byRule: [
            { key: 'FL-HOURS', label: 'Florida calling hours', calls: 2, violations: 2 },
            { key: 'US-DNC', label: 'Internal do-not-call list', calls: 1, violations: 1 },
          ],
          byCampaign: [{ key: 'C-1', label: 'Solar', calls: 3, violations: 3 }],
          byAgent: [{ key: 'A-1', label: 'Ann', calls: 3, violations: 3 }],
          byDay: [{ day: '2030-03-04', calls: 3, violations: 3 }],
          calls: { edges: shown.map((c) => ({ cursor: c.callId, node: c })), pageInfo: { hasNextPage: false, endCursor: null } },
        },
      }
    }
    if (query.includes('query ComplianceRules')) return { complianceRules: rules }
    if (query.includes('mutation SetComplianceRule')) {
      const input = variables.rule as { code: string }
      const i = rules.findIndex((r) => r.code === input.code)
      rules[i] = { ...rules[i], ...input }
      return { setComplianceRule: { code: input.code } }
    }
    if (query.includes('query HeldLeads')) {
      const withReleased = variables.released === true
      return { heldLeads: { edges: held.filter((h) => withReleased || !h.releasedAt).map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } } }
    }
    if (query.includes('mutation ReleaseHeldLead')) {
      const lead = held.find((h) => h.seq === variables.seq)!
      Object.assign(lead, { releasedAt: '2030-03-05T09:00:00Z', releasedBy: 'admin', releaseReason: variables.reason })
      return { releaseHeldLead: { seq: lead.seq, releasedAt: lead.releasedAt } }
    }
    if (query.includes('query OnDoNotCallList')) return { onDoNotCallList: listed.has(usDigits(variables.number as string) ?? '') }
    if (query.includes('mutation RemoveDoNotCall')) {
      const numbers = variables.numbers as string[]
      const invalid = numbers.flatMap((n, i) => (usDigits(n) ? [] : [{ line: i + 1, value: n, reason: 'not a phone number' }]))
      const removed = numbers.filter((n) => usDigits(n) && listed.delete(usDigits(n)!)).length
      return { removeDoNotCall: { rowsRead: numbers.length, removed, invalid } }
    }
    throw new Error(`unexpected operation ${query}`)
  }

  function uploadAnswer(body: string) {
    uploads.push(body)
    const lines = body.split('\n').filter((l) => l !== '')
    const answer = { batchId: uploads.length, rowsRead: lines.length - 1, added: 0, alreadyListed: 0, removed: 0, rejected: 0, violations: 0, rejects: [] as string[], invalid: [] as { line: number; value: string; reason: string }[] }
    lines.slice(1).forEach((value, i) => {
      const digits = usDigits(value)
      if (!digits) answer.invalid.push({ line: i + 2, value, reason: 'not a phone number' })
      else if (listed.has(digits)) answer.alreadyListed++
      else {
        listed.add(digits)
        answer.added++
      }
    })
    answer.rejected = answer.invalid.length
    return answer
  }

  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    if (url.startsWith('/api/compliance/do-not-call')) return new Response(JSON.stringify(uploadAnswer(init.body as string)), { status: 200 })
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
    graphqlSent.push(body)
    return new Response(JSON.stringify({ data: graphqlAnswer(body.query, body.variables) }), { status: 200 })
  })
  return { fetchMock, graphqlSent, uploads, listed, held }
}

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/compliance']}>
      <CompliancePage />
    </MemoryRouter>,
  )
}

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1)
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent)

describe('Compliance page', () => {
  let server: ReturnType<typeof complianceServer>
  beforeEach(() => {
    clearQueryCache()
    server = complianceServer()
    vi.stubGlobal('fetch', server.fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('counts the violations per rule and drills from a rule to its calls', async () => {
    signInAs('ANALYST')
    const user = userEvent.setup()
    renderPage()
    const perRule = await screen.findByRole('table', { name: 'Violations per rule' })
    expect(screen.getByTestId('kpi-violating-calls').textContent).toBe('3')
    expect(rowsOf(perRule).map(cellsOf)).toEqual([
      ['FL-HOURS', 'Florida calling hours', '2', '2'],
      ['US-DNC', 'Internal do-not-call list', '1', '1'],
    ])
    const callIds = async () => rowsOf(await screen.findByRole('table', { name: 'Violating calls' })).map((r) => cellsOf(r)[1])
    expect(await callIds()).toEqual(['CALL-1', 'CALL-2', 'CALL-3'])

    await user.click(within(perRule).getByRole('button', { name: 'Show the calls breaking FL-HOURS' }))
    expect(await screen.findByRole('heading', { name: 'Violating calls breaking FL-HOURS' })).toBeTruthy()
    await waitFor(async () => expect(await callIds()).toEqual(['CALL-1', 'CALL-2']))
    expect(server.graphqlSent.some((s) => s.query.includes('query ComplianceReport') && JSON.stringify(s.variables.rules) === '["FL-HOURS"]')).toBe(true)

    await user.click(screen.getByRole('button', { name: 'Show every rule' }))
    await waitFor(async () => expect(await callIds()).toEqual(['CALL-1', 'CALL-2', 'CALL-3']))
  })

  it('lists the rules with their limits and sources, and an admin edits one', async () => {
    signInAs('ADMIN')
    const user = userEvent.setup()
    renderPage()
    const rulesTable = await screen.findByRole('table', { name: 'Calling rules' })
    expect(rowsOf(rulesTable).map((r) => cellsOf(r).slice(0, 4))).toEqual([
      ['FL-HOURS', 'FL', '08:00–20:00', 'Fla. Stat. 501.616(6)(a)'],
      ['FL-ATTEMPTS', 'FL', 'at most 3 dials in 24 h', 'Fla. Stat. 501.616(6)(b)'],
    ])

    await user.click(within(rulesTable).getByRole('button', { name: 'Edit rule FL-ATTEMPTS' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit rule FL-ATTEMPTS' })
    await user.clear(within(dialog).getByLabelText('Most dials to one number'))
    await user.type(within(dialog).getByLabelText('Most dials to one number'), '2')
    await user.click(within(dialog).getByRole('button', { name: 'Save rule' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const saved = server.graphqlSent.find((s) => s.query.includes('mutation SetComplianceRule'))!
    expect(saved.variables.rule).toMatchObject({ code: 'FL-ATTEMPTS', kind: 'ATTEMPT_LIMIT', maxAttempts: 2, windowHours: 24, enabled: true })
    // the rules are asked again: the table shows the stored limit
    await waitFor(() => expect(cellsOf(rowsOf(screen.getByRole('table', { name: 'Calling rules' }))[1])[2]).toBe('at most 2 dials in 24 h'))
  })

  it('releases a held lead with a reason, which is required', async () => {
    signInAs('ADMIN')
    const user = userEvent.setup()
    renderPage()
    const heldTable = await screen.findByRole('table', { name: 'Held leads' })
    expect(cellsOf(rowsOf(heldTable)[0])).toContain('L-HELD')

    await user.click(within(heldTable).getByRole('button', { name: 'Release lead L-HELD' }))
    const dialog = screen.getByRole('dialog', { name: 'Release lead L-HELD' })
    expect(within(dialog).getByText('Held because: FL-HOURS')).toBeTruthy()
    await user.click(within(dialog).getByRole('button', { name: 'Release lead' }))
    expect(within(dialog).getByRole('alert').textContent).toContain('Enter a reason')
    expect(server.graphqlSent.some((s) => s.query.includes('mutation ReleaseHeldLead'))).toBe(false)

    await user.type(within(dialog).getByLabelText('Reason for the release'), 'Consent to evening calls on file')
    await user.click(within(dialog).getByRole('button', { name: 'Release lead' }))
    expect((await screen.findByText('Lead L-HELD released: Consent to evening calls on file')).getAttribute('role')).toBe('status')
    const released = server.graphqlSent.find((s) => s.query.includes('mutation ReleaseHeldLead'))!
    expect(released.variables).toEqual({ seq: 7, reason: 'Consent to evening calls on file' })
    expect(await screen.findByText('No lead is held.')).toBeTruthy()
  })

  it('uploads a do-not-call file, names each invalid line by its line in the file, and loads it again without change', async () => {
    signInAs('ADMIN')
    const user = userEvent.setup()
    renderPage()
    const section = await screen.findByRole('region', { name: 'Do-not-call list' })
    expect(within(section).getByText(/cannot be shown or downloaded/)).toBeTruthy()
    const form = within(section).getByRole('form', { name: 'Upload a file of numbers' })
    const file = new File(['Phone\n(415) 555-0101\n\n415.555.0102\n12-34\n+1 415 555 0101\n'], 'dnc.csv', { type: 'text/csv' })

    await user.upload(within(form).getByLabelText('File of numbers (.csv, .txt)'), file)
    await user.click(within(form).getByRole('button', { name: 'Upload file' }))
    const outcome = await within(section).findByTestId('dnc-outcome')
    expect(within(outcome).getAllByRole('status')[0].textContent).toBe(
      'dnc.csv: 2 numbers added, 1 already on the list (unchanged), 1 invalid line. Line 1 was read as the header (column “Phone”).',
    )
    // the header is the page's own, the file's lines follow it: the blank line 3 is not sent
    expect(server.uploads).toEqual(['phone\n(415) 555-0101\n415.555.0102\n12-34\n+1 415 555 0101\n'])
    const invalid = within(outcome).getByRole('table', { name: 'Invalid lines' })
    expect(rowsOf(invalid).map(cellsOf)).toEqual([['5', '12-34', 'not a phone number']])

    await user.upload(within(form).getByLabelText('File of numbers (.csv, .txt)'), file)
    await user.click(within(form).getByRole('button', { name: 'Upload file' }))
    await waitFor(() => expect(server.uploads).toHaveLength(2))
    expect((await within(section).findByText(/^dnc\.csv: 0 numbers added, 3 already on the list/)).textContent).toContain('1 invalid line')
    expect(server.listed).toEqual(new Set(['4155550101', '4155550102']))
  })

  it('adds pasted numbers, checks one and removes it', async () => {
    signInAs('ADMIN')
    const user = userEvent.setup()
    renderPage()
    const section = await screen.findByRole('region', { name: 'Do-not-call list' })
    await user.type(within(section).getByLabelText('Or paste numbers, one per line'), '415 555 0103{Enter}oops{Enter}')
    await user.click(within(section).getByRole('button', { name: 'Add pasted numbers' }))
    expect((await within(section).findByText(/^Pasted numbers: 1 number added/)).textContent).toContain('1 invalid line')
    expect(rowsOf(within(section).getByRole('table', { name: 'Invalid lines' })).map(cellsOf)).toEqual([['2', 'oops', 'not a phone number']])

    const check = within(section).getByRole('form', { name: 'Check a number' })
    await user.type(within(check).getByLabelText('Number to check'), '(415) 555-0103')
    await user.click(within(check).getByRole('button', { name: 'Check' }))
    expect((await within(section).findByTestId('dnc-check')).textContent).toBe('(415) 555-0103 is on the do-not-call list.')

    const remove = within(section).getByRole('form', { name: 'Remove numbers' })
    await user.type(within(remove).getByLabelText('Numbers to remove, one per line'), '{Enter}4155550103{Enter}415 555 0199{Enter}x')
    await user.click(within(remove).getByRole('button', { name: 'Remove numbers' }))
    const removed = await within(section).findByTestId('dnc-removed')
    expect(removed.textContent).toContain('1 number removed; 1 was not on the list.')
    // positions in the request, lines in the box (line 1 was blank)
    expect(within(removed).getByRole('listitem').textContent).toBe('Line 4 (x): not a phone number')
    expect(server.listed.size).toBe(0)

    await user.click(within(check).getByRole('button', { name: 'Check' }))
    expect((await within(section).findByTestId('dnc-check')).textContent).toBe('(415) 555-0103 is not on the do-not-call list.')
  })

  it('shows an analyst the report, rules and holds but nothing of the do-not-call list, and no admin actions', async () => {
    signInAs('ANALYST')
    renderPage()
    expect(await screen.findByRole('table', { name: 'Held leads' })).toBeTruthy()
    await screen.findByRole('table', { name: 'Calling rules' })
    expect(screen.queryByRole('region', { name: 'Do-not-call list' })).toBeNull()
    expect(screen.queryByText(/do-not-call list/i, { selector: 'h2, label, button' })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Release lead/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Edit rule/ })).toBeNull()
    expect(server.graphqlSent.filter((s) => /DoNotCall/.test(s.query))).toEqual([])
  })

  it('is no page of an advertiser: neither in the menu nor open by its link', () => {
    expect(canOpen('ADVERTISER', '/compliance')).toBe(false)
    expect(navItemsFor('ADVERTISER').map((i) => i.path)).not.toContain('/compliance')
    expect(canOpen('ANALYST', '/compliance')).toBe(true)
    expect(navItemsFor('ANALYST').map((i) => i.path)).toContain('/compliance')
  })
})
