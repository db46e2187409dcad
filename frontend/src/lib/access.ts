import type { Role } from './auth'

const STAFF: Role[] = ['ADMIN', 'ANALYST']

/**
 * Who may open each top-level page (the first path segment). The backend enforces the same rules on
 * every query; this only keeps people away from pages that would answer FORBIDDEN.
 */
export const PAGE_ROLES: Record<string, Role[]> = {
  overview: STAFF,
  campaigns: STAFF,
  dispositions: STAFF,
  agents: STAFF,
  forecasts: STAFF,
  staffing: STAFF,
  'best-time': STAFF,
  calls: STAFF,
  'lead-quality': STAFF,
  'data-quality': STAFF,
  'service-levels': STAFF,
  scorecards: STAFF,
  compliance: STAFF,
  // The wallboard shows agents' states: call-centre staff only (liveFloor would scope an advertiser).
  live: STAFF,
  // Loading files changes every report: administrators only (as the ingest endpoints).
  ingest: ['ADMIN'],
  feed: ['ADMIN', 'ADVERTISER'],
  admin: ['ADMIN'],
}

export function section(pathname: string): string {
  return pathname.split('/')[1] ?? ''
}

/** Whether the role may open the page; paths of no page are open to staff (they show "not found"). */
export function canOpen(role: Role, pathname: string): boolean {
  const roles = PAGE_ROLES[section(pathname)]
  if (role === 'ADVERTISER') return roles?.includes('ADVERTISER') ?? false
  return roles ? roles.includes(role) : true
}

/** The first page after sign-in, and where "/" leads. */
export function homePath(role: Role): string {
  return role === 'ADVERTISER' ? '/feed' : '/overview'
}

/**
 * The analytics pages read the global filters (period, campaigns, agents...); the others do not
 * (the live floor is always today and picks its campaigns itself; best time to call reads the whole model history).
 */
export function usesGlobalFilters(pathname: string): boolean {
  const s = section(pathname)
  return s !== 'admin' && s !== 'feed' && s !== 'live' && s !== 'best-time'
}

/** The live floor's TV mode: the page alone, without the app's navigation. */
export function isTvMode(pathname: string, search: string): boolean {
  return section(pathname) === 'live' && new URLSearchParams(search).get('tv') === '1'
}
