import { describe, expect, it } from 'vitest'
import { previousPeriod, readFilters, toCallFilter, writeFilters } from './filters'

const NOW = new Date('2026-11-23T15:00:00Z')

describe('filters in the URL', () => {
  it('round-trips every filter through the URL', () => {
    const params = new URLSearchParams('from=2026-11-01&to=2026-11-07&tz=Europe/Berlin&campaigns=A,B&advertisers=X&agents=G1&series=CALL_VOLUME')
    const filters = readFilters(params, NOW)
    expect(filters).toMatchObject({ range: 'custom', from: '2026-11-01', to: '2026-11-07', timeZone: 'Europe/Berlin', campaignIds: ['A', 'B'], advertiserIds: ['X'], agentIds: ['G1'] })
    const written = writeFilters(params, filters)
    expect(readFilters(written, NOW)).toEqual(filters)
    expect(written.get('series')).toBe('CALL_VOLUME')
  })

  it('ignores an unknown time zone and an impossible date instead of failing', () => {
    const filters = readFilters(new URLSearchParams('tz=Mars/Olympus&from=2026-02-30'), NOW)
    expect(filters.timeZone).toBe('UTC')
    expect(filters.range).toBe('last30')
  })

  it('handles the daylight-saving change: Berlin midnight after the switch is 23:00 UTC', () => {
    const filters = readFilters(new URLSearchParams('from=2026-10-25&to=2026-10-25&tz=Europe/Berlin'), NOW)
    expect(toCallFilter(filters)).toEqual({ from: '2026-10-24T22:00:00Z', to: '2026-10-25T23:00:00Z' })
  })

  it('compares with the period of the same length just before', () => {
    const filters = readFilters(new URLSearchParams('from=2026-11-10&to=2026-11-16'), NOW)
    expect(previousPeriod(filters)).toMatchObject({ from: '2026-11-03', to: '2026-11-09' })
    expect(previousPeriod(readFilters(new URLSearchParams('range=all'), NOW))).toBeNull()
  })
})
