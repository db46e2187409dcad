import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import type { VerifiedLeadsQuery } from '@/gql/graphql'
import { AUTH_STORAGE_KEY } from '@/lib/auth'
import type { LiveConnectionState } from '@/lib/live-connection'
import { useFeedActivity, type FeedActivity } from '../api/feed-activity'
import { useVerifiedLeads } from '../api/verified-leads'
import FeedPage from './feed-page'

vi.mock('../api/verified-leads', () => ({ useVerifiedLeads: vi.fn() }))
vi.mock('../api/feed-activity', () => ({ useFeedActivity: vi.fn() }))

const LIVE: LiveConnectionState = { status: 'live', since: 0, lastProblem: null }

function lead(seq: number, deliveryStatus: string) {
  return {
    seq,
    leadId: `L-${seq}`,
    advertiserId: 'ADV-1',
    campaignId: 'C-1',
    campaignName: 'Solar',
    verifiedAt: '2025-03-04T14:00:00Z',
    callId: `CALL-${seq}`,
    agentId: 'A-1',
    agentName: 'Ann',
    talkSeconds: 95,
    attempt: 1,
    phone: '+15550100',
    deliveryStatus,
    deliveredAt: null,
    returnedAt: null,
    returnReason: null,
    returnableUntil: '2099-01-01T00:00:00Z',
  }
}

function pushed(seq: number, status: string, over: Partial<FeedActivity> = {}): FeedActivity {
  return {
    advertiserId: 'ADV-1',
    seq,
    leadId: `L-${seq}`,
    callId: `CALL-${seq}`,
    campaignId: 'C-1',
    verifiedAt: '2025-03-04T14:05:00Z',
    status,
    attempts: 1,
    deliveredAt: status === 'DELIVERED' ? '2025-03-04T14:05:02Z' : null,
    lastHttpStatus: status === 'DELIVERED' ? 200 : null,
    changedAt: '2025-03-04T14:05:02Z',
    ...over,
  }
}

const seqColumn = () =>
  within(screen.getByRole('table', { name: 'Verified leads' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0].textContent)

describe('feed page, live', () => {
  let onActivity: (activity: FeedActivity) => void = () => {}

  beforeEach(() => {
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'adv', role: 'ADVERTISER', advertiserId: 'ADV-1' }),
    )
    const data: VerifiedLeadsQuery = {
      verifiedLeads: { edges: [{ cursor: 'c10', node: lead(10, 'PENDING') }, { cursor: 'c9', node: lead(9, 'DELIVERED') }], pageInfo: { endCursor: 'c9', hasNextPage: false } },
    }
    vi.mocked(useVerifiedLeads).mockReturnValue({ data, error: undefined, loading: false, refetch: () => {} })
    vi.mocked(useFeedActivity).mockImplementation((_advertiserId, callback) => {
      onActivity = callback
      return { data: undefined, error: undefined, connection: LIVE }
    })
  })

  it("subscribes to the advertiser's own feed, puts new leads on top and updates delivery statuses", () => {
    render(
      <MemoryRouter initialEntries={['/feed']}>
        <FeedPage />
      </MemoryRouter>,
    )
    expect(vi.mocked(useFeedActivity).mock.calls[0][0]).toBe('ADV-1')
    expect(screen.getByTestId('live-status').textContent).toBe('Live')
    expect(seqColumn()).toEqual(['10', '9'])

    act(() => {
      onActivity(pushed(11, 'PENDING'))
      onActivity(pushed(12, 'PENDING'))
      onActivity(pushed(10, 'DELIVERED'))
      // An older push of lead 12 arriving late does not undo the newer one.
      onActivity(pushed(12, 'DELIVERED', { changedAt: '2025-03-04T14:06:00Z' }))
      onActivity(pushed(12, 'PENDING', { changedAt: '2025-03-04T14:05:30Z' }))
    })
    expect(seqColumn()).toEqual(['New 12', 'New 11', '10', '9'])
    const rows = within(screen.getByRole('table', { name: 'Verified leads' })).getAllByRole('row')
    const status = (i: number) => within(rows[i]).getByText(/^(PENDING|DELIVERED)$/)
    expect(status(1).textContent).toBe('DELIVERED')
    expect(status(2).textContent).toBe('PENDING')
    expect(status(3).textContent).toBe('DELIVERED')
    expect(status(3).getAttribute('title')).toContain('last answer HTTP 200')
    expect(within(rows[1]).getByText('Just arrived')).toBeTruthy()
    // The campaign's name comes from a loaded lead of the same campaign.
    expect(within(rows[1]).getByText('Solar')).toBeTruthy()
    expect(screen.getByText('2 new leads arrived while this page is open.')).toBeTruthy()
  })

  it('shows the reconnecting badge while the connection is down', () => {
    vi.mocked(useFeedActivity).mockReturnValue({ data: undefined, error: undefined, connection: { status: 'reconnecting', since: Date.now(), lastProblem: null } })
    render(
      <MemoryRouter initialEntries={['/feed']}>
        <FeedPage />
      </MemoryRouter>,
    )
    expect(screen.getByTestId('live-status').textContent).toMatch(/^Reconnecting… since \d\d:\d\d:\d\d$/)
  })
})
