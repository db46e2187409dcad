import type { ReactNode } from 'react'
import { NavLink, useLocation } from 'react-router-dom'
import { FILTER_PARAMS } from '../../lib/filters'

export const NAV_ITEMS = [
  { path: '/overview', label: 'Overview' },
  { path: '/campaigns', label: 'Campaigns' },
  { path: '/dispositions', label: 'Dispositions' },
  { path: '/agents', label: 'Agents' },
  { path: '/forecasts', label: 'Forecasts' },
  { path: '/staffing', label: 'Staffing' },
  { path: '/calls', label: 'Calls' },
  { path: '/lead-quality', label: 'Lead quality' },
  { path: '/data-quality', label: 'Data quality' },
  { path: '/service-levels', label: 'Service levels' },
  { path: '/scorecards', label: 'Scorecards' },
  { path: '/ingest', label: 'Ingest' },
]

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

export function AppShell({ filterBar, status, children }: { filterBar: ReactNode; status: ReactNode; children: ReactNode }) {
  const location = useLocation()
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
            {NAV_ITEMS.map((item) => (
              <li key={item.path}>
                <NavLink to={withFilters(item.path, location.search)} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="data-status">{status}</div>
      </header>
      <div className="filter-row">{filterBar}</div>
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
