import { useCallback, useState } from 'react'
import { Sparkline } from '@/components/charts/sparkline'
import { LiveStatusBadge } from '@/components/ui/live-status-badge'
import { MultiSelect } from '@/components/ui/multi-select'
import { LoadingState } from '@/components/ui/states'
import type { LiveFloorSubscription } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'
import { formatDate, formatDateTime, formatInteger } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useLiveFloor } from '../api/live-floor'
import { AgentTiles, StateSummary } from './agent-tiles'
import { CampaignTable } from './campaign-table'
import { LatestLeads } from './latest-leads'
import { LiveTotals } from './live-totals'
import { useTvMode } from './use-tv-mode'

/** Offsets under this are network delay, not a wrong clock: ignoring them keeps the counters from jumping. */
const CLOCK_TOLERANCE_MS = 2_000

const minuteFormat = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))

const count = (n: number, noun: string) => `${formatInteger(n)} ${noun}${n === 1 ? '' : 's'}`

/** The wallboard: today's floor, pushed by the server as it changes. */
export default function LivePage() {
  const { filters, setFilters } = useFilters()
  const { tv, enter, leave } = useTvMode()
  const dimensions = useDimensions()
  // How far the server's clock is ahead of the browser's, measured at each push.
  const [clockOffsetMs, setClockOffsetMs] = useState(0)
  const onData = useCallback((data: LiveFloorSubscription) => {
    const offset = Date.parse(data.liveFloor.asOf) - Date.now()
    if (Number.isFinite(offset)) setClockOffsetMs((current) => (Math.abs(offset - current) > CLOCK_TOLERANCE_MS ? offset : current))
  }, [])
  const { data, error, connection } = useLiveFloor(filters.campaignIds, { onData })
  const floor = data?.liveFloor

  const campaignOptions = (dimensions.data?.campaigns ?? []).map((c) => ({ value: c.campaignId ?? '', label: c.name ?? c.campaignId ?? '' }))
  const chosen = filters.campaignIds.map((id) => campaignOptions.find((o) => o.value === id)?.label ?? id)
  const current = floor?.sparkline.at(-1)

  return (
    <div className={`live-page${tv ? ' tv' : ''}${connection.status === 'live' ? '' : ' stale'}`}>
      <div className="live-header">
        <h1>Live floor</h1>
        <LiveStatusBadge connection={connection} />
        {floor && (
          <span className="live-as-of muted">
            {formatDate(floor.day)} · updated {formatDateTime(floor.asOf, floor.timeZone)} ({floor.timeZone})
          </span>
        )}
        <div className="live-actions">
          {tv ? (
            chosen.length > 0 && <span className="live-scope">Campaigns: {chosen.join(', ')}</span>
          ) : (
            <MultiSelect label="Campaigns" options={campaignOptions} selected={filters.campaignIds} onChange={(campaignIds) => setFilters({ ...filters, campaignIds })} />
          )}
          {tv ? (
            <button type="button" className="button small live-exit" onClick={leave} title="Escape also leaves TV mode">
              Exit TV mode
            </button>
          ) : (
            <button type="button" className="button" onClick={enter} title="Full screen, large type, no menus (Escape leaves it)">
              TV mode
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="state state-error" role="alert">
          {error.message} Trying again shortly.
        </p>
      )}
      {!floor ? (
        !error && <LoadingState label="Connecting to the live floor…" />
      ) : (
        <>
          <LiveTotals today={floor.today} last15Minutes={floor.last15Minutes} />
          <div className="live-body">
            <section className="panel live-trend" aria-labelledby="live-trend-title">
              <h2 id="live-trend-title">Calls per minute, last 15 minutes</h2>
              <Sparkline
                values={floor.sparkline.map((m) => m.totalCalls)}
                label={`Calls per minute from ${floor.sparkline[0] ? minuteFormat(floor.sparkline[0].minute, floor.timeZone) : ''}: ${floor.sparkline.map((m) => m.totalCalls).join(', ')}`}
              />
              {current && (
                <p className="muted live-trend-now">
                  This minute ({minuteFormat(current.minute, floor.timeZone)}): {count(current.totalCalls, 'call')}, {count(current.callsConnected, 'connect')},{' '}
                  {count(current.leadsConverted, 'conversion')}
                </p>
              )}
            </section>
            <section className="panel live-leads" aria-labelledby="live-leads-title">
              <h2 id="live-leads-title">Newest verified leads</h2>
              <LatestLeads leads={floor.latestLeads} timeZone={floor.timeZone} />
            </section>
            <section className="panel live-agents" aria-labelledby="live-agents-title">
              <div className="live-section-header">
                <h2 id="live-agents-title">Agents</h2>
                <StateSummary counts={floor.agentsByState} />
              </div>
              <AgentTiles agents={floor.agents} clockOffsetMs={clockOffsetMs} />
            </section>
            <section className="panel live-campaigns-panel" aria-labelledby="live-campaigns-title">
              <h2 id="live-campaigns-title">Campaigns today</h2>
              <CampaignTable campaigns={floor.campaigns} />
            </section>
          </div>
        </>
      )}
    </div>
  )
}
