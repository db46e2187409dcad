import type { ReactNode } from 'react'
import { NavLink, useLocation } from 'react-router-dom'
import { canOpen } from '@/lib/access'
import type { Role } from '@/lib/auth'
import { FILTER_PARAMS } from '@/lib/filters'

export interface NavItem {
  path: string
  label: string
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/overview', label: 'Overview' },
  { path: '/live', label: 'Live floor' },
  { path: '/campaigns', label: 'Campaigns' },
  { path: '/dispositions', label: 'Dispositions' },
  { path: '/agents', label: 'Agents' },
  { path: '/forecasts', label: 'Forecasts' },
  { path: '/staffing', label: 'Staffing' },
  { path: '/best-time', label: 'Best time to call' },
  { path: '/calls', label: 'Calls' },
  { path: '/lead-quality', label: 'Lead quality' },
  { path: '/data-quality', label: 'Data quality' },
  { path: '/service-levels', label: 'Service levels' },
  { path: '/scorecards', label: 'Scorecards' },
  { path: '/compliance', label: 'Compliance' },
  { path: '/ingest', label: 'Ingest' },
  { path: '/feed', label: 'Feed' },
  { path: '/admin/advertisers', label: 'Advertisers' },
  { path: '/admin/users', label: 'Users and keys' },
  { path: '/admin/audit', label: 'Audit' },
]

/** The pages a role may open, in menu order. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpen(role, item.path))
}

/** Keeps the global filters when moving between pages; drops the page's own parameters. */
function withFilters(path: string, search: string): string {
  const current = new URLSearchParams(search)
  const kept = new URLSearchParams()
  for (const name of FILTER_PARAMS) {
    const value = current.get(name)
    if (value !== null) kept.set(name, value)
  }
  const query = kept.toString()
  return query ? `${path}?${query}` : path
}

export interface Account {
  username: string
  role: Role
  advertiserId: string | null
  onSignOut: () => void
}

function AccountBox({ account }: { account: Account }) {
  return (
    <div className="account" aria-label="Signed in user">
      <span>
        <span className="account-name">{account.username}</span>{' '}
        <span className="badge badge-role" title={account.advertiserId ? `Advertiser ${account.advertiserId}` : undefined}>
          {account.role}
        </span>
      </span>
      <button type="button" className="button small" onClick={account.onSignOut}>
        Sign out
      </button>
    </div>
  )
}

export function AppShell({
  filterBar,
  status,
  account,
  chromeless = false,
  children,
}: {
  /** The global filters; absent on pages that do not use them. */
  filterBar?: ReactNode
  status: ReactNode
  account: Account
  /** The page alone, without header, navigation and filters (the wallboard on a TV). */
  chromeless?: boolean
  children: ReactNode
}) {
  const location = useLocation()
  const items = navItemsFor(account.role)
  if (chromeless) {
    return (
      <div className="app app-chromeless">
        <main id="main" className="app-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    )
  }
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◉</span> Callsight
        </div>
        <nav aria-label="Pages">
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.path}>
                <NavLink to={withFilters(item.path, location.search)} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="data-status">{status}</div>
        <AccountBox account={account} />
      </header>
      {filterBar && <div className="filter-row">{filterBar}</div>}
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  )
}
