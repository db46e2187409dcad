import { lazy, Suspense, useEffect, useMemo } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { AppShell } from '../components/layout/app-shell'
import { FilterBar } from '../components/ui/filter-bar'
import { LoadingState } from '../components/ui/states'
import { formatDateTime } from '../lib/format'
import { useFilters } from '../lib/use-filters'
import { useDimensions } from '../lib/api/dimensions'

// One chunk per page: the first page loads only its own code.
const OverviewPage = lazy(() => import('../features/overview/components/overview-page'))
const CampaignsPage = lazy(() => import('../features/campaigns/components/campaigns-page'))
const CampaignAgentsPage = lazy(() => import('../features/campaigns/components/campaign-agents-page'))
const DispositionsPage = lazy(() => import('../features/dispositions/components/dispositions-page'))
const AgentsPage = lazy(() => import('../features/agents/components/agents-page'))
const ForecastsPage = lazy(() => import('../features/forecasts/components/forecasts-page'))
const StaffingPage = lazy(() => import('../features/staffing/components/staffing-page'))
const CallsPage = lazy(() => import('../features/calls/components/calls-page'))
const IngestPage = lazy(() => import('../features/ingest/components/ingest-page'))
const LeadQualityPage = lazy(() => import('../features/lead-quality/components/lead-quality-page'))
const DataQualityPage = lazy(() => import('../features/data-quality/components/data-quality-page'))
const ServiceLevelsPage = lazy(() => import('../features/service-levels/components/service-levels-page'))
const ScorecardsPage = lazy(() => import('../features/scorecards/components/scorecards-page'))

const TITLES: Record<string, string> = {
  overview: 'Overview',
  campaigns: 'Campaigns',
  dispositions: 'Dispositions',
  agents: 'Agents',
  forecasts: 'Forecasts',
  staffing: 'Staffing',
  calls: 'Calls',
  ingest: 'Ingest',
  'lead-quality': 'Lead quality',
  'data-quality': 'Data quality',
  'service-levels': 'Service levels',
  scorecards: 'Agent scorecards',
}

function Shell() {
  const { filters, setFilters } = useFilters()
  const dimensions = useDimensions()
  const location = useLocation()

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

  return (
    <AppShell filterBar={<FilterBar filters={filters} onChange={setFilters} {...options} />} status={status}>
      <Suspense fallback={<LoadingState />}>
        <Routes>
          <Route path="/" element={<Navigate to={{ pathname: '/overview', search: location.search }} replace />} />
          <Route path="/overview" element={<OverviewPage />} />
          <Route path="/campaigns" element={<CampaignsPage />} />
          <Route path="/campaigns/:campaignId" element={<CampaignAgentsPage />} />
          <Route path="/dispositions" element={<DispositionsPage />} />
          <Route path="/agents" element={<AgentsPage />} />
          <Route path="/forecasts" element={<ForecastsPage />} />
          <Route path="/staffing" element={<StaffingPage />} />
          <Route path="/calls" element={<CallsPage />} />
          <Route path="/ingest" element={<IngestPage />} />
          <Route path="/lead-quality" element={<LeadQualityPage />} />
          <Route path="/data-quality" element={<DataQualityPage />} />
          <Route path="/service-levels" element={<ServiceLevelsPage />} />
          <Route path="/scorecards" element={<ScorecardsPage />} />
          <Route path="*" element={<p className="state">This page does not exist. Choose one from the menu.</p>} />
        </Routes>
      </Suspense>
    </AppShell>
  )
}

export function App() {
  return (
    <BrowserRouter>
      <Shell />
    </BrowserRouter>
  )
}
