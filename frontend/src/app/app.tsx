import { lazy, Suspense, useEffect, useMemo } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { AppShell } from '@/components/layout/app-shell'
import { PageErrorBoundary } from '@/components/layout/page-error-boundary'
import { FilterBar } from '@/components/ui/filter-bar'
import { LoadingState } from '@/components/ui/states'
import { canOpen, homePath, isTvMode, usesGlobalFilters } from '@/lib/access'
import { endedBySignOut, loginPath, logout, scheduleExpiry, useSession, type AuthSession } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { keepSessionFresh } from '@/lib/session-renewal'
import { useFilters } from '@/lib/use-filters'
import { useDimensions } from '@/lib/api/dimensions'

// One chunk per page: the first page loads only its own code.
const OverviewPage = lazy(() => import('@/features/overview/components/overview-page'))
const CampaignsPage = lazy(() => import('@/features/campaigns/components/campaigns-page'))
const CampaignAgentsPage = lazy(() => import('@/features/campaigns/components/campaign-agents-page'))
const DispositionsPage = lazy(() => import('@/features/dispositions/components/dispositions-page'))
const AgentsPage = lazy(() => import('@/features/agents/components/agents-page'))
const ForecastsPage = lazy(() => import('@/features/forecasts/components/forecasts-page'))
const BestTimePage = lazy(() => import('@/features/best-time/components/best-time-page'))
const StaffingPage = lazy(() => import('@/features/staffing/components/staffing-page'))
const CallsPage = lazy(() => import('@/features/calls/components/calls-page'))
const IngestPage = lazy(() => import('@/features/ingest/components/ingest-page'))
const LeadQualityPage = lazy(() => import('@/features/lead-quality/components/lead-quality-page'))
const DataQualityPage = lazy(() => import('@/features/data-quality/components/data-quality-page'))
const ServiceLevelsPage = lazy(() => import('@/features/service-levels/components/service-levels-page'))
const ScorecardsPage = lazy(() => import('@/features/scorecards/components/scorecards-page'))
const LivePage = lazy(() => import('@/features/live/components/live-page'))
const FeedPage = lazy(() => import('@/features/feed/components/feed-page'))
const CompliancePage = lazy(() => import('@/features/compliance/components/compliance-page'))
const AdvertisersAdminPage = lazy(() => import('@/features/admin-advertisers/components/advertisers-admin-page'))
const UsersAdminPage = lazy(() => import('@/features/admin-users/components/users-admin-page'))
const AuditPage = lazy(() => import('@/features/audit/components/audit-page'))
const LoginPage = lazy(() => import('@/features/auth/components/login-page'))

const TITLES: Record<string, string> = {
  overview: 'Overview',
  live: 'Live floor',
  campaigns: 'Campaigns',
  dispositions: 'Dispositions',
  agents: 'Agents',
  forecasts: 'Forecasts',
  'best-time': 'Best time to call',
  staffing: 'Staffing',
  calls: 'Calls',
  ingest: 'Ingest',
  'lead-quality': 'Lead quality',
  'data-quality': 'Data quality',
  'service-levels': 'Service levels',
  scorecards: 'Agent scorecards',
  feed: 'Lead feed',
  admin: 'Administration',
}

function Shell({ session }: { session: AuthSession }) {
  const { filters, setFilters } = useFilters()
  const location = useLocation()
  const staff = session.role !== 'ADVERTISER'
  // Advertisers may not read the dimensions (other advertisers' campaigns and agents).
  const dimensions = useDimensions({ skip: !staff })

  useEffect(() => {
    const section = location.pathname.split('/')[1]
    document.title = `${TITLES[section] ?? 'Callsight'} · Callsight`
  }, [location.pathname])

  const options = useMemo(() => {
    const d = dimensions.data
    return {
      advertisers: (d?.advertisers ?? []).map((a) => ({ value: a.advertiserId ?? '', label: a.name ?? a.advertiserId ?? '' })),
      campaigns: (d?.campaigns ?? [])
        .filter((c) => filters.advertiserIds.length === 0 || filters.advertiserIds.includes(c.advertiserId ?? ''))
        .map((c) => ({ value: c.campaignId ?? '', label: c.name ?? c.campaignId ?? '' })),
      agents: (d?.agents ?? []).map((a) => ({ value: a.agentId ?? '', label: a.name ?? a.agentId ?? '' })),
    }
  }, [dimensions.data, filters.advertiserIds])

  const status = dimensions.data ? (
    <span title="The newest call stored">
      Data as of <time dateTime={dimensions.data.dataAsOf ?? undefined}>{formatDateTime(dimensions.data.dataAsOf, filters.timeZone)}</time>{' '}
      ({filters.timeZone})
    </span>
  ) : null

  const account = {
    username: session.username,
    role: session.role,
    advertiserId: session.advertiserId,
    // The route guard then leads to the login page (without a page to come back to).
    onSignOut: logout,
  }
  const home = homePath(session.role)
  const filterBar = staff && usesGlobalFilters(location.pathname) ? <FilterBar filters={filters} onChange={setFilters} {...options} /> : null

  let content
  if (location.pathname === '/' || canOpen(session.role, location.pathname)) {
    content = (
      <Routes>
        <Route path="/" element={<Navigate to={{ pathname: home, search: location.search }} replace />} />
        <Route path="/overview" element={<OverviewPage />} />
        <Route path="/live" element={<LivePage />} />
        <Route path="/campaigns" element={<CampaignsPage />} />
        <Route path="/campaigns/:campaignId" element={<CampaignAgentsPage />} />
        <Route path="/dispositions" element={<DispositionsPage />} />
        <Route path="/agents" element={<AgentsPage />} />
        <Route path="/forecasts" element={<ForecastsPage />} />
        <Route path="/best-time" element={<BestTimePage />} />
        <Route path="/staffing" element={<StaffingPage />} />
        <Route path="/calls" element={<CallsPage />} />
        <Route path="/ingest" element={<IngestPage />} />
        <Route path="/lead-quality" element={<LeadQualityPage />} />
        <Route path="/data-quality" element={<DataQualityPage />} />
        <Route path="/service-levels" element={<ServiceLevelsPage />} />
        <Route path="/scorecards" element={<ScorecardsPage />} />
        <Route path="/feed" element={<FeedPage />} />
        <Route path="/compliance" element={<CompliancePage />} />
        <Route path="/admin" element={<Navigate to="/admin/advertisers" replace />} />
        <Route path="/admin/advertisers" element={<AdvertisersAdminPage />} />
        <Route path="/admin/users" element={<UsersAdminPage />} />
        <Route path="/admin/audit" element={<AuditPage />} />
        <Route path="*" element={<p className="state">This page does not exist. Choose one from the menu.</p>} />
      </Routes>
    )
  } else if (session.role === 'ADVERTISER') {
    // An advertiser has one page: every other link leads there.
    content = <Navigate to={home} replace />
  } else {
    content = (
      <p className="state state-error" role="alert">
        Your role ({session.role}) may not open this page. Choose one from the menu, or ask an administrator for access.
      </p>
    )
  }

  return (
    <AppShell filterBar={filterBar} status={staff ? status : null} account={account} chromeless={isTvMode(location.pathname, location.search)}>
      {/* A failing page (or a chunk gone after a redeploy) leaves the navigation usable; another page starts clean. */}
      <PageErrorBoundary key={location.pathname}>
        <Suspense fallback={<LoadingState />}>{content}</Suspense>
      </PageErrorBoundary>
    </AppShell>
  )
}

/** Every page but the login page needs a session; without one (or once it ends) the login page comes, then back. */
function RequireSession() {
  const session = useSession()
  const location = useLocation()
  useEffect(() => (session ? scheduleExpiry(session) : undefined), [session])
  // Renewed before it expires while the app is open (a wallboard left on for a shift).
  const signedIn = session !== null
  useEffect(() => (signedIn ? keepSessionFresh() : undefined), [signedIn])
  if (!session) return <Navigate to={endedBySignOut() ? '/login' : loginPath(location.pathname + location.search)} replace />
  return <Shell session={session} />
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route
          path="/login"
          element={
            <PageErrorBoundary>
              <Suspense fallback={<LoadingState />}>
                <LoginPage />
              </Suspense>
            </PageErrorBoundary>
          }
        />
        <Route path="*" element={<RequireSession />} />
      </Routes>
    </BrowserRouter>
  )
}
