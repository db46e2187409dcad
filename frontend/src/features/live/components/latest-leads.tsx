import { formatDateTime } from '@/lib/format'
import type { LiveLead } from '../types'

const time = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso))

/** The newest verified leads, newest first. */
export function LatestLeads({ leads, timeZone }: { leads: LiveLead[]; timeZone: string }) {
  if (leads.length === 0) return <p className="muted">No verified lead today yet.</p>
  return (
    <ol className="latest-leads">
      {leads.map((lead) => (
        <li key={lead.callId} className="latest-lead">
          <time dateTime={lead.verifiedAt} title={formatDateTime(lead.verifiedAt, timeZone)}>
            {time(lead.verifiedAt, timeZone)}
          </time>
          <span className="latest-lead-campaign">{lead.campaignName ?? lead.campaignId ?? '–'}</span>
          <span className="latest-lead-detail muted">
            lead {lead.leadId}
            {lead.agentId && <> · agent {lead.agentId}</>}
          </span>
        </li>
      ))}
    </ol>
  )
}
