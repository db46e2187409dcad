import { useCallback, useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { LiveStatusBadge } from '@/components/ui/live-status-badge'
import { Pager, useUrlCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { VerifiedLeadsQuery } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'
import { useSession } from '@/lib/auth'
import { formatDateTime, formatDuration } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { useFeedActivity, type FeedActivity } from '../api/feed-activity'
import { downloadLeadsCsv } from '../api/leads-csv'
import { returnLead } from '../api/return-lead'
import { useVerifiedLeads } from '../api/verified-leads'
import { ReturnLeadDialog } from './return-lead-dialog'

type Lead = NonNullable<NonNullable<NonNullable<VerifiedLeadsQuery['verifiedLeads']['edges']>[number]>['node']>

/** A row of the table: a loaded lead, or one that arrived live (whose details come with the next load). */
type FeedRow = Omit<Lead, 'campaignId' | 'returnableUntil'> & {
  campaignId: string | null
  returnableUntil: string | null
  arrivedLive: boolean
  deliveryAttempts: number | null
  lastHttpStatus: number | null
}

/** Live arrivals shown above the first page at most (older ones come with a reload). */
const MAX_LIVE_ROWS = 50

function fromLead(lead: Lead, activity: FeedActivity | undefined): FeedRow {
  const row: FeedRow = { ...lead, arrivedLive: false, deliveryAttempts: null, lastHttpStatus: null }
  // A delivery status pushed after the page loaded is newer than the loaded one.
  return activity ? { ...row, deliveryStatus: activity.status, deliveredAt: activity.deliveredAt, deliveryAttempts: activity.attempts, lastHttpStatus: activity.lastHttpStatus } : row
}

function fromActivity(a: FeedActivity, campaignNames: ReadonlyMap<string, string>): FeedRow {
  return {
    seq: a.seq,
    leadId: a.leadId,
    advertiserId: a.advertiserId,
    campaignId: a.campaignId,
    // The push carries no campaign name: the loaded leads of the same campaign know it.
    campaignName: a.campaignId ? (campaignNames.get(a.campaignId) ?? null) : null,
    verifiedAt: a.verifiedAt,
    callId: a.callId,
    agentId: null,
    agentName: null,
    talkSeconds: null,
    attempt: null,
    phone: null,
    deliveryStatus: a.status,
    deliveredAt: a.deliveredAt,
    returnedAt: null,
    returnReason: null,
    returnableUntil: null,
    arrivedLive: true,
    deliveryAttempts: a.attempts,
    lastHttpStatus: a.lastHttpStatus,
  }
}

/** The newest push per lead: a lead's pushes may overtake each other. */
function newer(current: FeedActivity | undefined, next: FeedActivity): FeedActivity {
  return current && Date.parse(current.changedAt) > Date.parse(next.changedAt) ? current : next
}

function deliveryTitle(row: FeedRow, timeZone: string): string | undefined {
  const parts = [
    row.deliveredAt ? `Delivered ${formatDateTime(row.deliveredAt, timeZone)}` : null,
    row.deliveryAttempts !== null ? `${row.deliveryAttempts} attempt${row.deliveryAttempts === 1 ? '' : 's'}` : null,
    row.lastHttpStatus !== null ? `last answer HTTP ${row.lastHttpStatus}` : null,
  ].filter((p) => p !== null)
  return parts.length > 0 ? parts.join(' · ') : undefined
}

const PAGE_SIZE = 50

const STATUS_CLASS: Record<string, string> = {
  DELIVERED: 'badge badge-top',
  PENDING: 'badge badge-info',
  REJECTED: 'badge badge-warning',
  DEAD: 'badge badge-error',
}

function returnable(lead: FeedRow, now: number): boolean {
  return !lead.returnedAt && !!lead.returnableUntil && Date.parse(lead.returnableUntil) > now
}

function ReturnCell({ lead, timeZone, now, onReturn }: { lead: FeedRow; timeZone: string; now: number; onReturn: (lead: FeedRow) => void }) {
  if (lead.arrivedLive) return <span className="muted">Just arrived</span>
  if (lead.returnedAt) {
    return (
      <span className="wrap" title={lead.returnReason ?? undefined}>
        Returned {formatDateTime(lead.returnedAt, timeZone)}
        {lead.returnReason && <span className="muted">: {lead.returnReason}</span>}
      </span>
    )
  }
  if (returnable(lead, now)) {
    return (
      <button type="button" className="button small" onClick={() => onReturn(lead)} aria-label={`Return lead ${lead.leadId ?? lead.seq}`}>
        Return
      </button>
    )
  }
  const hint = lead.returnableUntil ? `The return window closed ${formatDateTime(lead.returnableUntil, timeZone)}.` : 'This lead cannot be returned.'
  return (
    <span className="row-actions">
      <button type="button" className="button small" disabled title={hint} aria-label={`Return lead ${lead.leadId ?? lead.seq} (window closed)`}>
        Return
      </button>
      <span className="muted">{lead.returnableUntil ? `closed ${formatDateTime(lead.returnableUntil, timeZone)}` : 'not returnable'}</span>
    </span>
  )
}

function CsvDownload({ advertiserId, newestSeq }: { advertiserId: string | null; newestSeq: number | null }) {
  const [since, setSince] = useState('0')
  const [state, setState] = useState<{ running: boolean; message?: string; error?: string }>({ running: false })

  async function download(event: React.FormEvent) {
    event.preventDefault()
    const value = Number(since)
    if (!Number.isInteger(value) || value < 0) {
      setState({ running: false, error: 'Enter a sequence number (0 for every lead).' })
      return
    }
    setState({ running: true })
    try {
      const name = await downloadLeadsCsv(value, advertiserId)
      setState({ running: false, message: `Saved ${name}.` })
    } catch (e) {
      setState({ running: false, error: (e as Error).message })
    }
  }

  return (
    <form className="export-box" onSubmit={download} aria-label="Download the feed as CSV">
      <div className="field">
        <label htmlFor="csv-since">Leads after sequence number</label>
        <input id="csv-since" type="number" min={0} step={1} value={since} onChange={(e) => setSince(e.target.value)} style={{ width: '8rem' }} />
      </div>
      <button type="submit" className="button primary" disabled={state.running}>
        {state.running ? 'Downloading…' : 'Download CSV'}
      </button>
      <span role="status" aria-live="polite" className={state.error ? 'bad' : 'muted'}>
        {state.error ?? state.message ?? (newestSeq !== null ? `Last on this page: ${newestSeq}` : '')}
      </span>
    </form>
  )
}

/** An admin looks at one advertiser's feed at a time. */
function AdvertiserPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const dimensions = useDimensions()
  const advertisers = dimensions.data?.advertisers ?? []
  const firstAdvertiserId = advertisers[0]?.advertiserId
  useEffect(() => {
    if (!value && firstAdvertiserId) onChange(firstAdvertiserId)
  }, [value, firstAdvertiserId, onChange])
  return (
    <div className="field">
      <label htmlFor="feed-advertiser">Advertiser</label>
      <select id="feed-advertiser" value={value} onChange={(e) => onChange(e.target.value)}>
        {!value && <option value="">Choose…</option>}
        {advertisers.map((a) => (
          <option key={a.advertiserId} value={a.advertiserId ?? ''}>
            {a.name ?? a.advertiserId}
          </option>
        ))}
      </select>
    </div>
  )
}

export default function FeedPage() {
  const session = useSession()
  // Staff look at one advertiser's feed at a time.
  const picksAdvertiser = session?.role === 'ADMIN' || session?.role === 'ANALYST'
  const { filters } = useFilters()
  const timeZone = filters.timeZone
  const [params, setParams] = useSearchParams()
  const pickedAdvertiser = params.get('advertiser') ?? ''
  // An advertiser's own feed: the server knows which one from the token.
  const advertiserId = picksAdvertiser ? pickedAdvertiser || null : null
  // The live subscription names the advertiser, also for an advertiser's own feed.
  const liveAdvertiserId = picksAdvertiser ? advertiserId : (session?.advertiserId ?? null)
  // The page's cursor is in the URL (as on the Calls page): a page of the feed can be linked to.
  const pages = useUrlCursorPages()
  const query = useVerifiedLeads(advertiserId, PAGE_SIZE, pages.after, { skip: picksAdvertiser && !advertiserId })

  function pickAdvertiser(id: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.set('advertiser', id)
        // A cursor belongs to the feed it came from.
        next.delete('after')
        return next
      },
      { replace: !pickedAdvertiser },
    )
  }

  // Pushes since the page opened, by lead (seq): new leads and delivery status changes.
  const [activity, setActivity] = useState<ReadonlyMap<number, FeedActivity>>(() => new Map())
  useResetOnChange([liveAdvertiserId], () => setActivity(new Map()))
  const onActivity = useCallback((pushed: FeedActivity) => setActivity((current) => new Map(current).set(pushed.seq, newer(current.get(pushed.seq), pushed))), [])
  const live = useFeedActivity(liveAdvertiserId, onActivity)

  const [returning, setReturning] = useState<FeedRow | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())

  // The Return buttons close on time even when nothing is reloaded.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])

  const columns = useMemo<Column<FeedRow>[]>(
    () => [
      {
        key: 'seq',
        header: 'Seq',
        value: (l) => l.seq,
        render: (l) =>
          l.arrivedLive ? (
            <>
              <span className="badge badge-top">New</span> {l.seq}
            </>
          ) : (
            l.seq
          ),
        align: 'right',
      },
      { key: 'leadId', header: 'Lead', value: (l) => l.leadId },
      { key: 'campaign', header: 'Campaign', value: (l) => l.campaignName ?? l.campaignId },
      { key: 'verifiedAt', header: `Verified at (${timeZone})`, value: (l) => l.verifiedAt, render: (l) => formatDateTime(l.verifiedAt, timeZone) },
      { key: 'callId', header: 'Call', value: (l) => l.callId },
      { key: 'agent', header: 'Agent', value: (l) => l.agentName ?? l.agentId },
      { key: 'talkSeconds', header: 'Talk time', value: (l) => l.talkSeconds, render: (l) => formatDuration(l.talkSeconds), align: 'right', description: 'Talk time with the customer on the verifying call' },
      { key: 'attempt', header: 'Attempt', value: (l) => l.attempt, align: 'right' },
      { key: 'phone', header: 'Phone', value: (l) => l.phone },
      {
        key: 'deliveryStatus',
        header: 'Delivery',
        value: (l) => l.deliveryStatus,
        render: (l) => (
          <span className={STATUS_CLASS[l.deliveryStatus ?? ''] ?? 'badge badge-info'} title={deliveryTitle(l, timeZone)}>
            {l.deliveryStatus ?? '–'}
          </span>
        ),
      },
      {
        key: 'returned',
        header: 'Returned',
        value: (l) => l.returnedAt ?? (l.returnableUntil ? `returnable until ${l.returnableUntil}` : null),
        render: (l) => <ReturnCell lead={l} timeZone={timeZone} now={now} onReturn={setReturning} />,
        description: 'A lead can be returned, with a reason, until its return window closes',
      },
    ],
    [timeZone, now],
  )

  const loaded = (query.data?.verifiedLeads.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  const loadedSeqs = new Set(loaded.map((l) => l.seq))
  const newestLoaded = loaded.length > 0 ? Math.max(...loaded.map((l) => l.seq)) : 0
  const campaignNames = new Map(loaded.flatMap((l) => (l.campaignName ? [[l.campaignId, l.campaignName] as const] : [])))
  // Leads that entered the feed after the first page loaded go on top of it (newest first).
  const arrived =
    pages.after || !query.data
      ? []
      : [...activity.values()]
          .filter((a) => a.seq > newestLoaded && !loadedSeqs.has(a.seq))
          .sort((a, b) => b.seq - a.seq)
          .slice(0, MAX_LIVE_ROWS)
          .map((a) => fromActivity(a, campaignNames))
  const rows = [...arrived, ...loaded.map((l) => fromLead(l, activity.get(l.seq)))]
  const newestSeq = rows.length > 0 ? Math.max(...rows.map((r) => r.seq)) : null

  return (
    <>
      <PageHeader
        title="Lead feed"
        description={`Verified leads, newest first (by sequence number), ${PAGE_SIZE} per page. Return a lead that does not meet the agreement within its return window; times in ${timeZone}.`}
        actions={<CsvDownload advertiserId={advertiserId} newestSeq={newestSeq} />}
      />
      {picksAdvertiser && (
        <div className="toolbar">
          <AdvertiserPicker value={pickedAdvertiser} onChange={pickAdvertiser} />
        </div>
      )}
      {liveAdvertiserId && (
        <div className="feed-live">
          <LiveStatusBadge connection={live.connection} />
          <span className="muted">
            {arrived.length > 0
              ? `${arrived.length} new lead${arrived.length === 1 ? '' : 's'} arrived while this page is open.`
              : 'New leads and delivery status changes appear here as they happen.'}
          </span>
          {live.error && <span className="bad">{live.error.message}</span>}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}{' '}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <QueryStatus {...query} isEmpty={(d) => (d.verifiedLeads.edges?.length ?? 0) === 0 && arrived.length === 0} empty="No verified lead in this feed yet.">
        {(data) => (
          <section className="panel">
            <DataTable
              caption="Verified leads"
              columns={columns}
              rows={rows}
              rowKey={(l) => String(l.seq)}
              exportName={`verified-leads${advertiserId ? `-${advertiserId}` : ''}`}
              footer={<Pager label="Pages of leads" pages={pages} hasNextPage={data.verifiedLeads.pageInfo.hasNextPage} endCursor={data.verifiedLeads.pageInfo.endCursor} />}
            />
          </section>
        )}
      </QueryStatus>
      {returning && (
        <ReturnLeadDialog
          leadLabel={returning.leadId ?? String(returning.seq)}
          returnableUntil={formatDateTime(returning.returnableUntil, timeZone)}
          onClose={() => setReturning(null)}
          onSubmit={async (reason) => {
            await returnLead(returning.seq, reason)
            setNotice(`Lead ${returning.leadId ?? returning.seq} returned: ${reason}`)
            setReturning(null)
          }}
        />
      )}
    </>
  )
}
