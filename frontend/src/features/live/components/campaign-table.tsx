import { formatInteger, formatPercent } from '@/lib/format'
import type { LiveCampaign } from '../types'

/** Today's numbers per campaign (most calls first, as the server sends them) with the last 15 minutes beside. */
export function CampaignTable({ campaigns }: { campaigns: LiveCampaign[] }) {
  if (campaigns.length === 0) return <p className="muted">No call today yet.</p>
  return (
    <div className="table-scroll">
      <table className="data-table live-campaigns">
        <caption className="visually-hidden">Campaigns today</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col" className="num">Calls</th>
            <th scope="col" className="num">Connects</th>
            <th scope="col" className="num">Conversions</th>
            <th scope="col" className="num">Qualified</th>
            <th scope="col" className="num">Connect rate</th>
            <th scope="col" className="num">Conversion rate</th>
            <th scope="col" className="num" title="Calls in the last 15 minutes">Calls 15 min</th>
            <th scope="col" className="num" title="Conversions in the last 15 minutes">Conv. 15 min</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.campaignId} data-testid={`live-campaign-${c.campaignId}`}>
              <th scope="row" className="live-campaign-name">
                {c.campaignName ?? c.campaignId}
              </th>
              <td className="num">{formatInteger(c.today.totalCalls)}</td>
              <td className="num">{formatInteger(c.today.callsConnected)}</td>
              <td className="num">{formatInteger(c.today.leadsConverted)}</td>
              <td className="num">{formatInteger(c.today.qualifiedLeads)}</td>
              <td className="num">{formatPercent(c.today.connectRate)}</td>
              <td className="num">{formatPercent(c.today.conversionRate)}</td>
              <td className="num">{formatInteger(c.last15Minutes.totalCalls)}</td>
              <td className="num">{formatInteger(c.last15Minutes.leadsConverted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
