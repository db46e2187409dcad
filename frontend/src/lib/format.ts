/** Numbers for people: thousands separators, percentages, durations, dates. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const decimal2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const percent1 = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })

export const NOT_AVAILABLE = '–'

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value)
}

export function formatInteger(value: number | null | undefined): string {
  return missing(value) ? NOT_AVAILABLE : integer.format(value)
}

export function formatDecimal(value: number | null | undefined, digits: 1 | 2 = 1): string {
  if (missing(value)) return NOT_AVAILABLE
  return (digits === 1 ? decimal1 : decimal2).format(value)
}

/** A ratio (0.2931) as a percentage (29.3%). */
export function formatPercent(value: number | null | undefined): string {
  return missing(value) ? NOT_AVAILABLE : percent1.format(value)
}

/** Seconds as `4m 21s`, `1h 02m`, or `45s`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds)) return NOT_AVAILABLE
  const total = Math.round(seconds)
  if (total < 60) return `${total}s`
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`
  return `${m}m ${String(s).padStart(2, '0')}s`
}

export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return NOT_AVAILABLE
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date)
}

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return NOT_AVAILABLE
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number)
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  )
}

/** Relative change between two values, or null when the previous one is 0 or missing. */
export function relativeChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (missing(current) || missing(previous) || previous === 0) return null
  return (current - previous) / Math.abs(previous)
}
