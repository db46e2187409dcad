import { addDays, daysBetween, isValidDate, isValidTimeZone, startOfDayIso, todayIn } from './dates'
import type { CallFilter } from '@/gql/graphql'

/**
 * The global filter bar's state, kept in the URL so that every view is a shareable link:
 * `range` (a preset, relative to today) or `from`/`to` (calendar dates, both inclusive),
 * `tz`, and comma-separated `campaigns`, `advertisers`, `agents`.
 */
export interface Filters {
  range: RangePreset | 'custom'
  from: string | null
  to: string | null
  timeZone: string
  campaignIds: string[]
  advertiserIds: string[]
  agentIds: string[]
}

export const RANGE_PRESETS = {
  today: 'Today',
  yesterday: 'Yesterday',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  all: 'All time',
} as const

export type RangePreset = keyof typeof RANGE_PRESETS

export const DEFAULT_RANGE: RangePreset = 'last30'
export const DEFAULT_TIME_ZONE = 'UTC'

export const FILTER_PARAMS = ['range', 'from', 'to', 'tz', 'campaigns', 'advertisers', 'agents'] as const

function list(value: string | null): string[] {
  return value ? value.split(',').map((v) => v.trim()).filter((v) => v.length > 0) : []
}

/** Calendar dates [from, to] (inclusive) of a preset on `today`; all-time is open on both ends. */
export function presetDates(preset: RangePreset, today: string): { from: string | null; to: string | null } {
  switch (preset) {
    case 'today':
      return { from: today, to: today }
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) }
    case 'last7':
      return { from: addDays(today, -6), to: today }
    case 'last30':
      return { from: addDays(today, -29), to: today }
    case 'last90':
      return { from: addDays(today, -89), to: today }
    case 'thisMonth':
      return { from: today.slice(0, 8) + '01', to: today }
    case 'lastMonth': {
      const firstOfThis = today.slice(0, 8) + '01'
      const lastOfPrevious = addDays(firstOfThis, -1)
      return { from: lastOfPrevious.slice(0, 8) + '01', to: lastOfPrevious }
    }
    case 'all':
      return { from: null, to: null }
  }
}

export function readFilters(params: URLSearchParams, now: Date = new Date()): Filters {
  const tzParam = params.get('tz')
  const timeZone = isValidTimeZone(tzParam) ? tzParam : DEFAULT_TIME_ZONE
  const fromParam = params.get('from')
  const toParam = params.get('to')
  const rangeParam = params.get('range')
  let range: Filters['range']
  let from: string | null
  let to: string | null
  if (rangeParam && rangeParam in RANGE_PRESETS) {
    range = rangeParam as RangePreset
    ;({ from, to } = presetDates(range, todayIn(timeZone, now)))
  } else if (isValidDate(fromParam) || isValidDate(toParam)) {
    range = 'custom'
    from = isValidDate(fromParam) ? fromParam : null
    to = isValidDate(toParam) ? toParam : null
  } else {
    range = DEFAULT_RANGE
    ;({ from, to } = presetDates(range, todayIn(timeZone, now)))
  }
  return {
    range,
    from,
    to,
    timeZone,
    campaignIds: list(params.get('campaigns')),
    advertiserIds: list(params.get('advertisers')),
    agentIds: list(params.get('agents')),
  }
}

/** Writes the filters into (a copy of) the URL's parameters, leaving the page's own ones alone. */
export function writeFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const name of FILTER_PARAMS) next.delete(name)
  if (filters.range === 'custom') {
    if (filters.from) next.set('from', filters.from)
    if (filters.to) next.set('to', filters.to)
  } else if (filters.range !== DEFAULT_RANGE) {
    next.set('range', filters.range)
  }
  if (filters.timeZone !== DEFAULT_TIME_ZONE) next.set('tz', filters.timeZone)
  if (filters.campaignIds.length) next.set('campaigns', filters.campaignIds.join(','))
  if (filters.advertiserIds.length) next.set('advertisers', filters.advertiserIds.join(','))
  if (filters.agentIds.length) next.set('agents', filters.agentIds.join(','))
  return next
}

/** The GraphQL CallFilter: `from` inclusive and `to` exclusive instants in the filter's zone. */
export function toCallFilter(filters: Filters): CallFilter {
  const filter: CallFilter = {}
  if (filters.from) filter.from = startOfDayIso(filters.from, filters.timeZone)
  if (filters.to) filter.to = startOfDayIso(addDays(filters.to, 1), filters.timeZone)
  if (filters.campaignIds.length) filter.campaignIds = filters.campaignIds
  if (filters.advertiserIds.length) filter.advertiserIds = filters.advertiserIds
  if (filters.agentIds.length) filter.agentIds = filters.agentIds
  return filter
}

/** The period of the same length just before the filter's, for "change against the previous period". */
export function previousPeriod(filters: Filters): Filters | null {
  if (!filters.from || !filters.to) return null
  const days = daysBetween(filters.from, addDays(filters.to, 1))
  return { ...filters, range: 'custom', from: addDays(filters.from, -days), to: addDays(filters.from, -1) }
}
