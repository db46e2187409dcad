import { RANGE_PRESETS, presetDates, type Filters, type RangePreset } from '@/lib/filters'
import { todayIn } from '@/lib/dates'
import { MultiSelect, type Option } from './multi-select'

export const TIME_ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Phoenix',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Manila',
  'Australia/Sydney',
]

interface FilterBarProps {
  filters: Filters
  onChange: (filters: Filters) => void
  campaigns: Option[]
  advertisers: Option[]
  agents: Option[]
  /** Today, for presets; the clock by default (tests fix it). */
  now?: Date
}

/** The global filters: date range with presets, time zone, campaigns, advertisers, agents. */
export function FilterBar({ filters, onChange, campaigns, advertisers, agents, now }: FilterBarProps) {
  const zones = TIME_ZONES.includes(filters.timeZone) ? TIME_ZONES : [filters.timeZone, ...TIME_ZONES]

  function choosePreset(value: string) {
    if (value === 'custom') {
      onChange({ ...filters, range: 'custom' })
      return
    }
    const preset = value as RangePreset
    onChange({ ...filters, range: preset, ...presetDates(preset, todayIn(filters.timeZone, now)) })
  }

  function chooseDate(field: 'from' | 'to', value: string) {
    onChange({ ...filters, range: 'custom', [field]: value === '' ? null : value })
  }

  const invalidRange = filters.from !== null && filters.to !== null && filters.from > filters.to

  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-range">Period</label>
        <select id="filter-range" value={filters.range} onChange={(e) => choosePreset(e.target.value)}>
          {Object.entries(RANGE_PRESETS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input
          id="filter-from"
          type="date"
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(e) => chooseDate('from', e.target.value)}
          aria-invalid={invalidRange}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To (inclusive)</label>
        <input
          id="filter-to"
          type="date"
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(e) => chooseDate('to', e.target.value)}
          aria-invalid={invalidRange}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-tz">Time zone</label>
        <select id="filter-tz" value={filters.timeZone} onChange={(e) => onChange({ ...filters, timeZone: e.target.value })}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <MultiSelect
        label="Advertisers"
        options={advertisers}
        selected={filters.advertiserIds}
        onChange={(advertiserIds) => onChange({ ...filters, advertiserIds })}
      />
      <MultiSelect
        label="Campaigns"
        options={campaigns}
        selected={filters.campaignIds}
        onChange={(campaignIds) => onChange({ ...filters, campaignIds })}
      />
      <MultiSelect label="Agents" options={agents} selected={filters.agentIds} onChange={(agentIds) => onChange({ ...filters, agentIds })} />
      {invalidRange && (
        <p className="field-error" role="alert">
          The start date is after the end date.
        </p>
      )}
    </form>
  )
}
