import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, useLocation } from 'react-router-dom'
import type { LiveFloorSubscription } from '@/gql/graphql'
import type { LiveConnectionState } from '@/lib/live-connection'
import type { SubscriptionState } from '@/lib/use-subscription'
import { useLiveFloor } from '../api/live-floor'
import LivePage from './live-page'

vi.mock('../api/live-floor', () => ({ useLiveFloor: vi.fn() }))
vi.mock('@/lib/api/dimensions', () => ({
  useDimensions: () => ({
    data: { advertisers: [], campaigns: [{ campaignId: 'C-SOLAR', name: 'Solar leads', advertiserId: 'ADV-1' }], agents: [], dataAsOf: null },
    loading: false,
    error: undefined,
    refetch: () => {},
  }),
}))

const AS_OF = '2025-03-04T14:30:00Z'
const secondsBefore = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString()

const metrics = (over: Partial<LiveFloorSubscription['liveFloor']['today']> = {}) => ({
  totalCalls: 0,
  uniqueLeads: 0,
  callsConnected: 0,
  leadsConverted: 0,
  qualifiedLeads: 0,
  connectRate: null,
  conversionRate: null,
  ...over,
})

const agent = (agentId: string, agentName: string, state: LiveFloorSubscription['liveFloor']['agents'][number]['state'], secondsInState: number, over = {}) => ({
  agentId,
  agentName,
  state,
  since: secondsBefore(AS_OF, secondsInState),
  secondsInState,
  campaignId: 'C-SOLAR',
  reason: null,
  callsToday: 12,
  conversionsToday: 2,
  pauseSecondsToday: 300,
  ...over,
})

function floor(): LiveFloorSubscription {
  return {
    liveFloor: {
      asOf: AS_OF,
      day: '2025-03-04',
      timeZone: 'UTC',
      today: metrics({ totalCalls: 1234, uniqueLeads: 900, callsConnected: 456, leadsConverted: 78, qualifiedLeads: 61, connectRate: 0.3695, conversionRate: 0.0867 }),
      last15Minutes: metrics({ totalCalls: 42, callsConnected: 15, leadsConverted: 3, qualifiedLeads: 2, connectRate: 0.357, conversionRate: 0.1 }),
      campaigns: [
        { campaignId: 'C-SOLAR', campaignName: 'Solar leads', advertiserId: 'ADV-1', today: metrics({ totalCalls: 1000, callsConnected: 400, leadsConverted: 70 }), last15Minutes: metrics({ totalCalls: 30 }) },
        { campaignId: 'C-ROOF', campaignName: null, advertiserId: 'ADV-2', today: metrics({ totalCalls: 234, callsConnected: 56, leadsConverted: 8 }), last15Minutes: metrics({ totalCalls: 12 }) },
      ],
      sparkline: Array.from({ length: 16 }, (_, i) => ({ minute: secondsBefore('2025-03-04T14:30:00Z', (15 - i) * 60), totalCalls: i % 5, callsConnected: i % 3, leadsConverted: i % 2 })),
      agentsByState: [
        { state: 'READY', agents: 1 },
        { state: 'ON_CALL', agents: 1 },
        { state: 'WRAP_UP', agents: 1 },
        { state: 'PAUSED', agents: 1 },
        { state: 'LOGGED_OUT', agents: 1 },
      ],
      agents: [
        agent('A-1', 'Zoe Ready', 'READY', 65),
        agent('A-2', 'Ann Talking', 'ON_CALL', 200),
        agent('A-3', 'Bob Wrapping', 'WRAP_UP', 20),
        agent('A-4', 'Cid Paused', 'PAUSED', 3700, { reason: 'Lunch' }),
        agent('A-5', 'Abe Gone', 'LOGGED_OUT', 10),
      ],
      latestLeads: [{ callId: 'CALL-9', leadId: 'L-9', campaignId: 'C-SOLAR', campaignName: 'Solar leads', advertiserId: 'ADV-1', agentId: 'A-2', verifiedAt: '2025-03-04T14:29:10Z' }],
    },
  }
}

const LIVE: LiveConnectionState = { status: 'live', since: Date.parse(AS_OF), lastProblem: null }

function answer(state: Partial<SubscriptionState<LiveFloorSubscription>>) {
  vi.mocked(useLiveFloor).mockReturnValue({ data: undefined, error: undefined, connection: LIVE, ...state })
}

function Location() {
  const location = useLocation()
  return <output data-testid="location">{location.pathname + location.search}</output>
}

function renderPage(path = '/live') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <LivePage />
      <Location />
    </MemoryRouter>,
  )
}

describe('live floor (wallboard)', () => {
  beforeEach(() => vi.mocked(useLiveFloor).mockReset())
  afterEach(() => vi.useRealTimers())

  it("shows today's totals, the last 15 minutes, campaigns, the newest leads and a Live badge", () => {
    answer({ data: floor() })
    renderPage()
    expect(screen.getByRole('heading', { level: 1, name: 'Live floor' })).toBeTruthy()
    expect(screen.getByTestId('live-status').textContent).toBe('Live')
    expect(screen.getByTestId('live-total-calls').textContent).toBe('1,234')
    expect(screen.getByTestId('live-total-connects').textContent).toBe('456')
    expect(screen.getByTestId('live-total-conversions').textContent).toBe('78')
    expect(screen.getByTestId('live-total-qualified').textContent).toBe('61')
    expect(screen.getByTestId('live-total-connect-rate').textContent).toBe('37.0%')
    expect(screen.getByTestId('live-total-conversion-rate').textContent).toBe('8.7%')
    expect(screen.getByTestId('live-recent-calls').textContent).toBe('42')
    const solar = screen.getByTestId('live-campaign-C-SOLAR')
    expect(within(solar).getByRole('rowheader').textContent).toBe('Solar leads')
    expect(within(solar).getAllByRole('cell').map((c) => c.textContent).slice(0, 3)).toEqual(['1,000', '400', '70'])
    // A campaign without a name shows its id.
    expect(within(screen.getByTestId('live-campaign-C-ROOF')).getByRole('rowheader').textContent).toBe('C-ROOF')
    expect(screen.getByRole('img', { name: /^Calls per minute from 14:15: 0, 1, 2, 3, 4, 0/ })).toBeTruthy()
    expect(screen.getByText('14:29:10')).toBeTruthy()
    // The subscription is for every campaign when none is chosen.
    expect(vi.mocked(useLiveFloor).mock.calls[0][0]).toEqual([])
  })

  it('colours each agent by state, says the state in words, logged-out agents last', () => {
    answer({ data: floor() })
    renderPage()
    const tiles = within(screen.getByRole('list', { name: 'Agents' })).getAllByRole('listitem')
    expect(tiles.map((t) => t.getAttribute('data-testid'))).toEqual(['agent-tile-A-2', 'agent-tile-A-3', 'agent-tile-A-4', 'agent-tile-A-1', 'agent-tile-A-5'])
    const expected = {
      'A-1': ['agent-ready', 'Ready'],
      'A-2': ['agent-on-call', 'On call'],
      'A-3': ['agent-wrap-up', 'Wrap-up'],
      'A-4': ['agent-paused', 'Paused: Lunch'],
      'A-5': ['agent-logged-out', 'Logged out'],
    }
    for (const [id, [className, words]] of Object.entries(expected)) {
      const tile = screen.getByTestId(`agent-tile-${id}`)
      expect(tile.className).toContain(className)
      expect(tile.querySelector('.agent-state')?.textContent).toBe(words)
    }
    expect(screen.getByRole('list', { name: 'Agents by state' }).textContent).toBe('1 on call1 wrap-up1 ready1 paused1 logged out')
  })

  it('ticks the time in state every second from `since`, on the server clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    // The browser's clock is 10 minutes behind the server's: the counters still start from asOf.
    vi.setSystemTime(Date.parse(AS_OF) - 10 * 60_000)
    const data = floor()
    let pushed = false
    vi.mocked(useLiveFloor).mockImplementation((_ids, options) => {
      // The hook calls onData when a value arrives, outside rendering.
      if (!pushed) queueMicrotask(() => act(() => options?.onData?.(data)))
      pushed = true
      return { data, error: undefined, connection: LIVE }
    })
    renderPage()
    await act(async () => {})
    const time = () => screen.getByTestId('agent-tile-A-1').querySelector('.agent-time')?.textContent
    expect(time()).toBe('1:05')
    act(() => vi.advanceTimersByTime(1_000))
    expect(time()).toBe('1:06')
    act(() => vi.advanceTimersByTime(60_000))
    expect(time()).toBe('2:06')
    expect(screen.getByTestId('agent-tile-A-4').querySelector('.agent-time')?.textContent).toBe('1:02:41')
  })

  it('says "Reconnecting… since" while the connection is down, and keeps the last numbers, dimmed', () => {
    const since = new Date(2025, 2, 4, 14, 31, 5).getTime()
    answer({ data: floor(), connection: { status: 'reconnecting', since, lastProblem: 'connection closed (1006)' } })
    const { container } = renderPage()
    const badge = screen.getByTestId('live-status')
    expect(badge.textContent).toBe('Reconnecting… since 14:31:05')
    expect(badge.getAttribute('title')).toContain('connection closed (1006)')
    expect(screen.getByTestId('live-total-calls').textContent).toBe('1,234')
    expect(container.querySelector('.live-page')?.classList.contains('stale')).toBe(true)
  })

  it('waits for the first push, and says why when the server refuses', () => {
    answer({ connection: { status: 'connecting', since: 0, lastProblem: null } })
    const { unmount } = renderPage()
    expect(screen.getByTestId('live-status').textContent).toBe('Connecting…')
    expect(screen.getByText('Connecting to the live floor…')).toBeTruthy()
    unmount()
    answer({ error: Object.assign(new Error('Your role may not see this.'), { name: 'SubscriptionError', code: 'FORBIDDEN' }) })
    renderPage()
    expect(screen.getByRole('alert').textContent).toContain('Your role may not see this.')
  })

  it('filters by campaign through the URL', async () => {
    answer({ data: floor() })
    renderPage('/live?campaigns=C-SOLAR')
    expect(vi.mocked(useLiveFloor).mock.calls[0][0]).toEqual(['C-SOLAR'])
    await userEvent.setup().click(screen.getByRole('button', { name: /^Campaigns:/ }))
    await userEvent.setup().click(screen.getByRole('checkbox', { name: 'Solar leads' }))
    expect(screen.getByTestId('location').textContent).toBe('/live')
    expect(vi.mocked(useLiveFloor).mock.lastCall?.[0]).toEqual([])
  })

  it('enters TV mode with a button or ?tv=1, and leaves it with Escape or the small button', async () => {
    answer({ data: floor() })
    const user = userEvent.setup()
    const { container } = renderPage()
    await user.click(screen.getByRole('button', { name: 'TV mode' }))
    expect(screen.getByTestId('location').textContent).toBe('/live?tv=1')
    expect(container.querySelector('.live-page')?.classList.contains('tv')).toBe(true)
    // No campaign picker on the TV.
    expect(screen.queryByRole('button', { name: /^Campaigns:/ })).toBeNull()
    await user.keyboard('{Escape}')
    expect(screen.getByTestId('location').textContent).toBe('/live')
    await user.click(screen.getByRole('button', { name: 'TV mode' }))
    await user.click(screen.getByRole('button', { name: 'Exit TV mode' }))
    expect(screen.getByTestId('location').textContent).toBe('/live')
  })
})
