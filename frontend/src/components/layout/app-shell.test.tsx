import { describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { canOpen, homePath, isTvMode, usesGlobalFilters } from '@/lib/access'
import type { Role } from '@/lib/auth'
import { AppShell, navItemsFor } from './app-shell'

const ANALYTICS = ['Overview', 'Live floor', 'Campaigns', 'Dispositions', 'Agents', 'Forecasts', 'Staffing', 'Best time to call', 'Calls', 'Lead quality', 'Data quality', 'Service levels', 'Scorecards', 'Compliance']
const ADMIN_PAGES = ['Advertisers', 'Users and keys', 'Audit']

function shownLinks(role: Role, onSignOut = () => {}): string[] {
  render(
    <MemoryRouter initialEntries={['/overview']}>
      <AppShell status={null} account={{ username: `${role.toLowerCase()}-user`, role, advertiserId: role === 'ADVERTISER' ? 'ADV-1' : null, onSignOut }}>
        <p>content</p>
      </AppShell>
    </MemoryRouter>,
  )
  return within(screen.getByRole('navigation', { name: 'Pages' }))
    .getAllByRole('link')
    .map((a) => a.textContent ?? '')
}

describe('navigation by role', () => {
  it('leaves out header, navigation and filters for a page shown alone (TV mode)', () => {
    render(
      <MemoryRouter initialEntries={['/live?tv=1']}>
        <AppShell chromeless filterBar={<form aria-label="Filters" />} status={null} account={{ username: 'tv', role: 'ANALYST', advertiserId: null, onSignOut: () => {} }}>
          <p>wallboard</p>
        </AppShell>
      </MemoryRouter>,
    )
    expect(screen.getByRole('main').textContent).toBe('wallboard')
    expect(screen.queryByRole('navigation')).toBeNull()
    expect(screen.queryByRole('form', { name: 'Filters' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull()
    expect(isTvMode('/live', '?tv=1')).toBe(true)
    expect(isTvMode('/live', '?campaigns=C-1')).toBe(false)
    expect(isTvMode('/overview', '?tv=1')).toBe(false)
    // The live floor is always today: the period filter does not apply to it.
    expect(usesGlobalFilters('/live')).toBe(false)
  })

  it('shows an admin every page, the feed and the admin pages', () => {
    expect(shownLinks('ADMIN')).toEqual([...ANALYTICS, 'Ingest', 'Feed', ...ADMIN_PAGES])
  })

  it('shows an analyst the analytics pages only (no ingest, no feed, no admin page)', () => {
    expect(shownLinks('ANALYST')).toEqual(ANALYTICS)
  })

  it('shows an advertiser its feed only', () => {
    expect(shownLinks('ADVERTISER')).toEqual(['Feed'])
    expect(navItemsFor('ADVERTISER').map((i) => i.path)).toEqual(['/feed'])
  })

  it('shows who is signed in with the role, and signs out', async () => {
    const onSignOut = vi.fn()
    shownLinks('ANALYST', onSignOut)
    expect(screen.getByText('analyst-user')).toBeTruthy()
    expect(screen.getByText('ANALYST')).toBeTruthy()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }))
    expect(onSignOut).toHaveBeenCalledOnce()
  })

  it('lets each role open only its pages', () => {
    expect(canOpen('ADMIN', '/admin/users')).toBe(true)
    expect(canOpen('ANALYST', '/admin/users')).toBe(false)
    expect(canOpen('ANALYST', '/feed')).toBe(false)
    expect(canOpen('ANALYST', '/ingest')).toBe(false)
    expect(canOpen('ANALYST', '/campaigns/C-1')).toBe(true)
    expect(canOpen('ANALYST', '/live')).toBe(true)
    expect(canOpen('ADVERTISER', '/live')).toBe(false)
    expect(canOpen('ADVERTISER', '/campaigns')).toBe(false)
    expect(canOpen('ADVERTISER', '/no-such-page')).toBe(false)
    expect(canOpen('ADVERTISER', '/feed')).toBe(true)
    expect(homePath('ADVERTISER')).toBe('/feed')
    expect(homePath('ANALYST')).toBe('/overview')
  })
})
