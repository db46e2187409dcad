import { useState } from 'react'
import type { AdvertiserSettingsQuery } from '@/gql/graphql'
import { useAction } from '@/lib/use-action'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { setAdvertiserSettings } from '../api/set-advertiser-settings'
import { NumberField, asText, parseOptionalNumber } from './number-field'

type Settings = AdvertiserSettingsQuery['advertiserSettings']

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The advertiser's time zone (delivery hours, daily caps) and how many days it may return a lead. */
export function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const [timeZone, setTimeZone] = useState(settings.timeZone ?? 'UTC')
  const [days, setDays] = useState(asText(settings.returnWindowDays))
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const action = useAction(setAdvertiserSettings)

  useResetOnChange([settings.advertiserId, settings.timeZone, settings.returnWindowDays], () => {
    setTimeZone(settings.timeZone ?? 'UTC')
    setDays(asText(settings.returnWindowDays))
    setSaved(false)
  })

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const window = parseOptionalNumber(days, 'Return window', { min: 0, max: 365, integer: true })
    const p = !validTimeZone(timeZone.trim()) ? `Time zone: "${timeZone}" is not an IANA zone (e.g. America/New_York).` : window.value === null ? window.problem ?? 'Return window: enter a number of days.' : null
    setProblem(p)
    setSaved(false)
    if (p) return
    if (await action.run(settings.advertiserId ?? '', timeZone.trim(), window.value!)) {
      setSaved(true)
      onSaved()
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form className="form-grid" onSubmit={submit} aria-label="Advertiser settings" noValidate>
        <div className="field">
          <label htmlFor="settings-tz">Time zone</label>
          <input id="settings-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </div>
        <NumberField id="settings-days" label="Return window (days)" value={days} onChange={setDays} min={0} max={365} />
        <button type="submit" className="button primary" disabled={action.running}>
          Save settings
        </button>
        <span role="status" aria-live="polite" className={problem ?? action.error ? 'bad' : 'good'}>
          {problem ?? action.error ?? (saved ? 'Settings saved.' : '')}
        </span>
      </form>
    </section>
  )
}
