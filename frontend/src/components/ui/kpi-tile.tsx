import { formatDecimal, formatPercent, relativeChange } from '@/lib/format'

interface KpiTileProps {
  label: string
  value: number | null | undefined
  previous?: number | null
  format: (value: number | null | undefined) => string
  /** Whether a rise is good (calls, conversions) or bad (handle time is neither: null). */
  higherIsBetter?: boolean | null
  hint?: string
  /** Rates change in percentage points (29.3% to 29.5% is +0.2 pp); counts and times relatively. */
  change?: 'relative' | 'points'
}

/** A headline number with its change against the previous period, in words and arrows, not only colour. */
export function KpiTile({ label, value, previous, format, higherIsBetter = true, hint, change: changeKind = 'relative' }: KpiTileProps) {
  const change =
    previous === undefined || previous === null || value === null || value === undefined
      ? null
      : changeKind === 'points'
        ? value - previous
        : relativeChange(value, previous)
  let tone = 'neutral'
  if (change !== null && change !== 0 && higherIsBetter !== null) tone = change > 0 === higherIsBetter ? 'good' : 'bad'
  const arrow = change === null || change === 0 ? '' : change > 0 ? '▲' : '▼'
  return (
    <section className="kpi-tile" aria-label={label} title={hint}>
      <h3 className="kpi-label">{label}</h3>
      <p className="kpi-value" data-testid={`kpi-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
        {format(value)}
      </p>
      {previous !== undefined && (
        <p className={`kpi-change ${tone}`}>
          {change === null ? (
            'no previous period to compare'
          ) : (
            <>
              <span aria-hidden="true">{arrow} </span>
              {change > 0 ? '+' : ''}
              {changeKind === 'points' ? `${formatDecimal(change * 100)} pp` : formatPercent(change)} vs previous period ({format(previous)})
            </>
          )}
        </p>
      )}
    </section>
  )
}
