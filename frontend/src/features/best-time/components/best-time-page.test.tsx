import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { getInstanceByDom } from 'echarts/core'
import { AUTH_STORAGE_KEY } from '@/lib/auth'
import { clearQueryCache } from '@/lib/graphql-client'
import BestTimePage, { confidenceOpacity } from './best-time-page'

const hourRow = (hour: number, rank: number, rate: number, lo: number, hi: number, dials: number) => ({
  hour,
  rank,
  expectedConnectsPerDial: rate,
  connectLo80: lo,
  connectHi80: hi,
  expectedConversionsPerDial: rate / 10,
  dials,
  connects: Math.round(dials * rate),
  observedConnectRate: rate,
})

// Monday 18:00 is known well (a 2-point interval); Tuesday 09:00 hardly (40 points wide).
const heatmap = [
  { hour: 9, weekday: 1, expectedConnectsPerDial: 0.2, connectLo80: 0.18, connectHi80: 0.22, dials: 900, connects: 180 },
  { hour: 18, weekday: 1, expectedConnectsPerDial: 0.32, connectLo80: 0.31, connectHi80: 0.33, dials: 1500, connects: 480 },
  { hour: 9, weekday: 2, expectedConnectsPerDial: 0.25, connectLo80: 0.05, connectHi80: 0.45, dials: 12, connects: 3 },
]

const steps = [1, 2, 3, 4].map((attempt) => ({
  attempt,
  dials: 1000 / attempt,
  connects: 300 / attempt,
  conversions: 40 / attempt,
  agentHours: 20 / attempt,
  expectedConnectsPerDial: 0.3 / attempt,
  expectedConversionsPerDial: 0.04 / attempt,
  conversionsLo80: 0.03 / attempt,
  conversionsHi80: 0.05 / attempt,
  thresholdConversionsPerDial: 0.012,
  withinPolicy: attempt <= 3,
}))

function bestTimeServer() {
  return vi.fn(async (_url: string, init: RequestInit) => {
    const { query } = JSON.parse(init.body as string) as { query: string }
    let data: unknown
    if (query.includes('query BestTime')) {
      data = {
        bestTimeToCall: [hourRow(18, 1, 0.32, 0.31, 0.33, 1500), hourRow(9, 2, 0.21, 0.12, 0.3, 912)],
        bestTimeHeatmap: heatmap,
        contactModel: { runId: 4, createdAt: '2030-03-01T02:00:00Z', historyTo: '2030-02-28T23:00:00Z', dials: 2412, dialsUnlocated: 0, states: ['FL', 'NY'] },
      }
    } else if (query.includes('query AttemptPolicy')) {
      data = {
        attemptPolicy: {
          campaignId: null,
          thresholdSource: 'STORED',
          minConversionsPerDial: 0.012,
          agentMinuteCost: null,
          conversionValue: null,
          stopAfterAttempt: 3,
          savedDials: 250,
          savedAgentHours: 5,
          lostConversions: 10,
          keptConversions: 73,
          totalDials: 2083,
          attempts: steps,
        },
      }
    } else if (query.includes('query Dimensions')) data = { advertisers: [], campaigns: [{ campaignId: 'C-1', name: 'Solar', advertiserId: 'ADV-1' }], agents: [], dataAsOf: null }
    else throw new Error(`unexpected operation ${query}`)
    return new Response(JSON.stringify({ data }), { status: 200 })
  })
}

/** What the chart labelled `label` holds, read from its ECharts instance once it is drawn. */
async function chartOption(label: RegExp) {
  const container = screen.getByRole('img', { name: label })
  await waitFor(() => expect(getInstanceByDom(container)).toBeTruthy())
  return getInstanceByDom(container)!.getOption() as { series: { type: string; data: unknown[]; markLine?: { data: unknown[] } }[] }
}

describe('Best time to call page', () => {
  beforeEach(() => {
    clearQueryCache()
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'u', role: 'ANALYST', advertiserId: null }))
    vi.stubGlobal('fetch', bestTimeServer())
    render(
      <MemoryRouter initialEntries={['/best-time']}>
        <BestTimePage />
      </MemoryRouter>,
    )
  })
  afterEach(() => vi.unstubAllGlobals())

  it('draws the heatmap by local hour and weekday, lighter where the interval is wide, and ranks the hours with their intervals', async () => {
    const best = await screen.findByRole('table', { name: 'Best hours' })
    const rows = within(best).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['1', '18:00', '32.0%', '31.0% – 33.0%'],
      ['2', '09:00', '21.0%', '12.0% – 30.0%'],
    ])
    expect(screen.getByText(/2,412 dials up to/).textContent).toContain('Lighter cells: wider 80% interval')

    const option = await chartOption(/by the lead's local hour and weekday/)
    const cells = option.series[0].data as { value: (number | null)[]; itemStyle: { opacity: number } }[]
    expect(option.series[0].type).toBe('heatmap')
    // [hour column, weekday row, rate %, low %, high %, dials]; hours 09:00 to 18:00 are the columns 0 to 9
    const cell = (hourColumn: number, weekdayRow: number) => cells.find((c) => c.value[0] === hourColumn && c.value[1] === weekdayRow)!
    expect(cell(9, 0).value).toEqual([9, 0, 32, 31, 33, 1500])
    expect(cell(9, 0).itemStyle.opacity).toBe(1)
    expect(cell(0, 1).value.slice(2, 5)).toEqual([25, 5, 45])
    expect(cell(0, 1).itemStyle.opacity).toBe(0.2)
    expect(cell(0, 0).itemStyle.opacity).toBeCloseTo(1, 5)
  })

  it('draws the attempt curve with the recommended stop and says what stopping there saves and loses', async () => {
    const stop = await screen.findByRole('status', { name: 'Recommended stop' })
    expect(stop.textContent).toContain('Stop after attempt 3: on the history that would have saved 250 dials and 5.0 agent hours, and lost 10 of 83 conversions.')
    expect(stop.textContent).toContain('Threshold set by a manager: 1.2% per dial.')
    const attempts = screen.getByRole('table', { name: 'Attempts' })
    expect(within(attempts).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').at(-1)!.textContent)).toEqual(['Yes', 'Yes', 'Yes', 'No: stop'])

    const option = await chartOption(/by attempt number/)
    const curve = option.series.find((s) => (s as { name?: string }).name === 'Expected conversions per dial')!
    expect(curve.data).toEqual([4, 2, 1.3, 1])
    expect(curve.markLine?.data).toEqual([expect.objectContaining({ xAxis: '3' })])
  })
})

describe('heatmap confidence', () => {
  it('draws narrow intervals in full colour and wide ones faint', () => {
    expect(confidenceOpacity(0.3, 0.33)).toBe(1)
    expect(confidenceOpacity(0.2, 0.34)).toBeCloseTo(0.5, 5)
    expect(confidenceOpacity(0.05, 0.6)).toBe(0.2)
    expect(confidenceOpacity(null, 0.4)).toBe(0.15)
  })
})
