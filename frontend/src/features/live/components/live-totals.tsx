import { formatInteger, formatPercent } from '@/lib/format'
import type { LiveMetrics } from '../types'

interface Measure {
  id: string
  label: string
  value: (m: LiveMetrics) => number | null
  format: (value: number | null) => string
  hint: string
}

const MEASURES: Measure[] = [
  { id: 'calls', label: 'Calls', value: (m) => m.totalCalls, format: formatInteger, hint: 'Calls dialled' },
  { id: 'connects', label: 'Connects', value: (m) => m.callsConnected, format: formatInteger, hint: 'Calls with call status Answered' },
  { id: 'conversions', label: 'Conversions', value: (m) => m.leadsConverted, format: formatInteger, hint: 'Distinct leads with a call whose lead status is Interested' },
  { id: 'qualified', label: 'Qualified leads', value: (m) => m.qualifiedLeads, format: formatInteger, hint: "Converted leads meeting their advertiser's criteria" },
  { id: 'connect-rate', label: 'Connect rate', value: (m) => m.connectRate, format: formatPercent, hint: 'Connects / calls' },
  { id: 'conversion-rate', label: 'Conversion rate', value: (m) => m.conversionRate, format: formatPercent, hint: 'Conversions / distinct leads called' },
]

/** The headline numbers of today, each with the same for the last 15 minutes. */
export function LiveTotals({ today, last15Minutes }: { today: LiveMetrics; last15Minutes: LiveMetrics }) {
  return (
    <div className="live-totals">
      {MEASURES.map((measure) => (
        <section key={measure.id} className="live-total" aria-label={`${measure.label} today`} title={measure.hint}>
          <h2 className="live-total-label">{measure.label} today</h2>
          <p className="live-total-value" data-testid={`live-total-${measure.id}`}>
            {measure.format(measure.value(today))}
          </p>
          <p className="live-total-recent">
            Last 15 min: <strong data-testid={`live-recent-${measure.id}`}>{measure.format(measure.value(last15Minutes))}</strong>
          </p>
        </section>
      ))}
    </div>
  )
}
