import { useState } from 'react'
import type { AdminAdvertisersQuery } from '@/gql/graphql'
import { useAction } from '@/lib/use-action'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { setAdvertiserCriteria } from '../api/set-advertiser-criteria'
import { NumberField, asText, parseOptionalNumber } from './number-field'

type Advertiser = AdminAdvertisersQuery['advertisers'][number]

/** What a converted lead must meet to count as qualified (and to enter the feed). Empty: no limit. */
export function CriteriaForm({ advertiser, onSaved }: { advertiser: Advertiser; onSaved: () => void }) {
  const c = advertiser.criteria
  const [maxAttemptNo, setMaxAttemptNo] = useState(asText(c?.maxAttemptNo))
  const [maxLeadAgeHours, setMaxLeadAgeHours] = useState(asText(c?.maxLeadAgeHours))
  const [minTalk, setMinTalk] = useState(asText(c?.minCustomerTalkSeconds))
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const action = useAction(setAdvertiserCriteria)

  useResetOnChange([c?.maxAttemptNo, c?.maxLeadAgeHours, c?.minCustomerTalkSeconds, advertiser.advertiserId], () => {
    setMaxAttemptNo(asText(c?.maxAttemptNo))
    setMaxLeadAgeHours(asText(c?.maxLeadAgeHours))
    setMinTalk(asText(c?.minCustomerTalkSeconds))
    setSaved(false)
  })

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const attempt = parseOptionalNumber(maxAttemptNo, 'Maximum attempt', { min: 1, integer: true })
    const age = parseOptionalNumber(maxLeadAgeHours, 'Maximum lead age', { min: 0 })
    const talk = parseOptionalNumber(minTalk, 'Minimum talk time', { min: 0 })
    const p = attempt.problem ?? age.problem ?? talk.problem ?? null
    setProblem(p)
    setSaved(false)
    if (p) return
    const done = await action.run(advertiser.advertiserId ?? '', { maxAttemptNo: attempt.value, maxLeadAgeHours: age.value, minCustomerTalkSeconds: talk.value })
    if (done) {
      setSaved(true)
      onSaved()
    }
  }

  return (
    <section className="panel" aria-labelledby="criteria-title">
      <h2 id="criteria-title">Qualification criteria</h2>
      <p className="muted">Checked on the converting call. Leave a box empty for no limit.</p>
      <form className="form-grid" onSubmit={submit} aria-label="Qualification criteria" noValidate>
        <NumberField id="criteria-attempt" label="Maximum attempt" value={maxAttemptNo} onChange={setMaxAttemptNo} min={1} />
        <NumberField id="criteria-age" label="Maximum lead age (hours)" value={maxLeadAgeHours} onChange={setMaxLeadAgeHours} min={0} step="any" />
        <NumberField id="criteria-talk" label="Minimum talk time (seconds)" value={minTalk} onChange={setMinTalk} min={0} step="any" />
        <button type="submit" className="button primary" disabled={action.running}>
          Save criteria
        </button>
        <span role="status" aria-live="polite" className={problem ?? action.error ? 'bad' : 'good'}>
          {problem ?? action.error ?? (saved ? 'Criteria saved.' : '')}
        </span>
      </form>
    </section>
  )
}
