import type { LiveConnectionState } from '@/lib/live-connection'

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

/**
 * Whether a live page's numbers are live: "Live", "Connecting…", or "Reconnecting… since 14:02:11"
 * (the browser's clock) while the numbers on screen are the last ones received.
 */
export function LiveStatusBadge({ connection }: { connection: LiveConnectionState }) {
  const { status, since, lastProblem } = connection
  const label =
    status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : status === 'connecting' ? 'Connecting…' : 'Not connected'
  const title =
    status === 'live'
      ? 'Updates arrive as they happen'
      : status === 'reconnecting'
        ? `The connection to the server was lost${lastProblem ? ` (${lastProblem})` : ''}; numbers shown are from before. Trying again every few seconds.`
        : undefined
  return (
    <span className={`live-status live-status-${status}`} data-testid="live-status" role="status" aria-live="polite" title={title}>
      <span className="live-status-dot" aria-hidden="true" />
      {label}
      {status === 'reconnecting' && (
        <span className="live-status-since">
          {' '}
          since <time dateTime={new Date(since).toISOString()}>{clock.format(since)}</time>
        </span>
      )}
    </span>
  )
}
