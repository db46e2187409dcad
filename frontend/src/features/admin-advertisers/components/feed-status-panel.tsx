import { QueryStatus } from '@/components/ui/states'
import { formatDateTime, formatInteger } from '@/lib/format'
import { useFeedStatus } from '../api/feed-status'

/** Where the advertiser's leads stand: waiting, delivered, refused, given up, returned. */
export function FeedStatusPanel({ advertiserId, timeZone }: { advertiserId: string; timeZone: string }) {
  const query = useFeedStatus(advertiserId)
  return (
    <section className="panel" aria-labelledby="feed-status-title">
      <h2 id="feed-status-title">Feed status</h2>
      <QueryStatus {...query}>
        {({ feedStatus: s }) => (
          <dl className="facts inline">
            <dt>Pending</dt>
            <dd>{formatInteger(s.pending)}</dd>
            <dt>Delivered</dt>
            <dd>{formatInteger(s.delivered)}</dd>
            <dt>Rejected</dt>
            <dd className={(s.rejected ?? 0) > 0 ? 'bad' : undefined}>{formatInteger(s.rejected)}</dd>
            <dt>Dead</dt>
            <dd className={(s.dead ?? 0) > 0 ? 'bad' : undefined}>{formatInteger(s.dead)}</dd>
            <dt>Returned</dt>
            <dd>{formatInteger(s.returned)}</dd>
            <dt>Delivered today</dt>
            <dd>
              {formatInteger(s.deliveredToday)}
              {s.dailyCap !== null && s.dailyCap !== undefined ? ` of ${formatInteger(s.dailyCap)}` : ''}
            </dd>
            <dt>Oldest pending</dt>
            <dd>{s.oldestPendingAt ? formatDateTime(s.oldestPendingAt, timeZone) : 'none'}</dd>
          </dl>
        )}
      </QueryStatus>
    </section>
  )
}
