import { describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { FilterBar } from './filter-bar'
import { readFilters, toCallFilter, writeFilters, type Filters } from '@/lib/filters'

const NOW = new Date('2026-11-23T15:00:00Z')

const campaigns = [
  { value: 'CMP-01', label: 'Auto Insurance Quotes' },
  { value: 'CMP-02', label: 'Home Insurance Quotes' },
]
const advertisers = [{ value: 'ADV-1', label: 'Northwind Insurance' }]
const agents = [{ value: 'AG-01', label: 'Ann Lee' }]

/** The bar with its state held like the app holds it (in the URL's parameters). */
function Harness({ onFilters }: { onFilters: (f: Filters) => void }) {
  const [params, setParams] = useState(new URLSearchParams())
  const filters = readFilters(params, NOW)
  return (
    <FilterBar
      filters={filters}
      now={NOW}
      campaigns={campaigns}
      advertisers={advertisers}
      agents={agents}
      onChange={(next) => {
        const written = writeFilters(params, next)
        setParams(written)
        onFilters(readFilters(written, NOW))
      }}
    />
  )
}

describe('FilterBar', () => {
  it('shows the default period, last 30 days up to today, as dates', () => {
    render(<Harness onFilters={() => {}} />)
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveProperty('value', 'last30')
    expect(screen.getByLabelText('From')).toHaveProperty('value', '2026-10-25')
    expect(screen.getByLabelText('To (inclusive)')).toHaveProperty('value', '2026-11-23')
  })

  it('applies a preset and turns it into a from-inclusive, to-exclusive GraphQL filter', async () => {
    const user = userEvent.setup()
    const onFilters = vi.fn()
    render(<Harness onFilters={onFilters} />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'last7')
    const filters: Filters = onFilters.mock.lastCall![0]
    expect(filters.range).toBe('last7')
    expect(toCallFilter(filters)).toEqual({ from: '2026-11-17T00:00:00Z', to: '2026-11-24T00:00:00Z' })
  })

  it('reads dates in the chosen time zone', async () => {
    const user = userEvent.setup()
    const onFilters = vi.fn()
    render(<Harness onFilters={onFilters} />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time zone' }), 'America/New_York')
    const filters: Filters = onFilters.mock.lastCall![0]
    // New York is UTC-5 in November: its midnight is 05:00 UTC.
    expect(toCallFilter(filters).to).toBe('2026-11-24T05:00:00Z')
  })

  it('typing a date switches to custom dates', async () => {
    const user = userEvent.setup()
    const onFilters = vi.fn()
    render(<Harness onFilters={onFilters} />)
    const from = screen.getByLabelText('From')
    await user.clear(from)
    await user.type(from, '2026-11-01')
    const filters: Filters = onFilters.mock.lastCall![0]
    expect(filters.range).toBe('custom')
    expect(filters.from).toBe('2026-11-01')
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveProperty('value', 'custom')
  })

  it('chooses campaigns with keyboard-reachable checkboxes and can clear them', async () => {
    const user = userEvent.setup()
    const onFilters = vi.fn()
    render(<Harness onFilters={onFilters} />)
    const button = screen.getByRole('button', { name: /Campaigns: All/ })
    expect(button).toHaveProperty('ariaExpanded', 'false')
    await user.click(button)
    const group = screen.getByRole('group', { name: 'Campaigns' })
    await user.click(within(group).getByRole('checkbox', { name: 'Home Insurance Quotes' }))
    expect(onFilters.mock.lastCall![0].campaignIds).toEqual(['CMP-02'])
    expect(screen.getByRole('button', { name: /Campaigns: Home Insurance Quotes/ })).toBeTruthy()
    await user.click(within(group).getByRole('checkbox', { name: 'Auto Insurance Quotes' }))
    expect(onFilters.mock.lastCall![0].campaignIds).toEqual(['CMP-02', 'CMP-01'])
    expect(toCallFilter(onFilters.mock.lastCall![0]).campaignIds).toEqual(['CMP-02', 'CMP-01'])
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('group', { name: 'Campaigns' })).toBeNull()
    await user.click(screen.getByRole('button', { name: /Campaigns: 2 selected/ }))
    await user.click(screen.getByRole('button', { name: /Clear/ }))
    expect(onFilters.mock.lastCall![0].campaignIds).toEqual([])
  })

  it('warns when the start date is after the end date', async () => {
    const user = userEvent.setup()
    render(<Harness onFilters={() => {}} />)
    const from = screen.getByLabelText('From')
    await user.clear(from)
    await user.type(from, '2026-12-01')
    expect(screen.getByRole('alert').textContent).toContain('start date is after the end date')
  })
})
