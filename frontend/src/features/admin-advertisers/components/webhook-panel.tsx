import { useState } from 'react'
import { ConfirmDialog } from '@/components/ui/dialog'
import { OneTimeSecret } from '@/components/ui/one-time-secret'
import type { AdvertiserSettingsQuery } from '@/gql/graphql'
import { formatInteger } from '@/lib/format'
import { useAction } from '@/lib/use-action'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { rotateWebhookSecret } from '../api/rotate-webhook-secret'
import { sendTestEvent } from '../api/send-test-event'
import { setWebhook } from '../api/set-webhook'
import { NumberField, asText, parseOptionalNumber } from './number-field'

type Webhook = NonNullable<AdvertiserSettingsQuery['advertiserSettings']['webhook']>

function validUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

function TestEvent({ advertiserId, disabled }: { advertiserId: string; disabled: boolean }) {
  const action = useAction(sendTestEvent)
  const result = action.result
  return (
    <div className="notice-actions">
      <button type="button" className="button" onClick={() => action.run(advertiserId)} disabled={disabled || action.running}>
        {action.running ? 'Sending…' : 'Send test event'}
      </button>
      <span role="status" aria-live="polite" data-testid="test-event-outcome">
        {action.error && <span className="bad">The test could not be sent: {action.error}</span>}
        {result && (
          <span className={result.httpStatus && result.httpStatus >= 200 && result.httpStatus < 300 ? 'good' : 'bad'}>
            Test event: {result.outcome}
            {result.httpStatus ? `, HTTP ${result.httpStatus}` : ', no HTTP answer'}
            {result.durationMs !== null && result.durationMs !== undefined ? ` in ${formatInteger(result.durationMs)} ms` : ''}
            {result.error ? ` (${result.error})` : ''}
          </span>
        )}
      </span>
    </div>
  )
}

/** Where and when leads are pushed, and how many at a time; the signing secret; a test delivery. */
export function WebhookPanel({ advertiserId, webhook, onSaved }: { advertiserId: string; webhook: Webhook | null | undefined; onSaved: () => void }) {
  const [url, setUrl] = useState('')
  const [enabled, setEnabled] = useState(false)
  const [startHour, setStartHour] = useState('')
  const [endHour, setEndHour] = useState('')
  const [dailyCap, setDailyCap] = useState('')
  const [batchSize, setBatchSize] = useState('')
  const [maxAgeHours, setMaxAgeHours] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  const [confirmRotate, setConfirmRotate] = useState(false)
  const save = useAction(setWebhook)
  const rotate = useAction(rotateWebhookSecret)

  useResetOnChange([webhook], () => {
    setUrl(webhook?.url ?? '')
    setEnabled(webhook?.enabled ?? false)
    setStartHour(asText(webhook?.deliveryStartHour))
    setEndHour(asText(webhook?.deliveryEndHour))
    setDailyCap(asText(webhook?.dailyCap))
    setBatchSize(asText(webhook?.batchSize))
    setMaxAgeHours(asText(webhook?.maxAgeHours))
  })

  useResetOnChange([advertiserId], () => {
    setSecret(null)
    setSaved(false)
  })

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const start = parseOptionalNumber(startHour, 'Delivery from hour', { min: 0, max: 23, integer: true })
    const end = parseOptionalNumber(endHour, 'Delivery until hour', { min: 0, max: 24, integer: true })
    const cap = parseOptionalNumber(dailyCap, 'Daily cap', { min: 0, integer: true })
    const batch = parseOptionalNumber(batchSize, 'Batch size', { min: 1, max: 1000, integer: true })
    const age = parseOptionalNumber(maxAgeHours, 'Maximum age', { min: 1, integer: true })
    const p =
      (url.trim() && !validUrl(url.trim()) ? 'URL: enter an http(s) address, e.g. https://crm.example.com/leads.' : null) ??
      (enabled && !url.trim() ? 'Enter the URL before enabling the webhook.' : null) ??
      start.problem ??
      end.problem ??
      cap.problem ??
      batch.problem ??
      age.problem ??
      null
    setProblem(p)
    setSaved(false)
    if (p) return
    const done = await save.run(advertiserId, {
      url: url.trim(),
      enabled,
      deliveryStartHour: start.value,
      deliveryEndHour: end.value,
      dailyCap: cap.value,
      batchSize: batch.value,
      maxAgeHours: age.value,
    })
    if (done) {
      setSaved(true)
      if (done.newSecret) setSecret(done.newSecret)
      onSaved()
    }
  }

  return (
    <section className="panel" aria-labelledby="webhook-title">
      <h2 id="webhook-title">Webhook</h2>
      <p className="muted">
        Verified leads are POSTed in batches, signed with the advertiser's secret
        {webhook?.secretHint ? (
          <>
            {' '}
            (ending <code>{webhook.secretHint}</code>)
          </>
        ) : (
          ' (none yet: one is made when the webhook is first saved)'
        )}
        . Hours are in the advertiser's time zone; empty boxes use the defaults.
      </p>
      {secret && <OneTimeSecret title="New webhook signing secret" secret={secret} onDismiss={() => setSecret(null)} />}
      <form className="form-grid" onSubmit={submit} aria-label="Webhook" noValidate>
        <div className="field" style={{ minWidth: '22rem' }}>
          <label htmlFor="webhook-url">URL</label>
          <input id="webhook-url" type="url" value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} />
        </div>
        <label className="checkbox-field">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
        </label>
        <NumberField id="webhook-start" label="Deliver from hour" value={startHour} onChange={setStartHour} min={0} max={23} />
        <NumberField id="webhook-end" label="Deliver until hour" value={endHour} onChange={setEndHour} min={0} max={24} />
        <NumberField id="webhook-cap" label="Daily cap (leads)" value={dailyCap} onChange={setDailyCap} min={0} />
        <NumberField id="webhook-batch" label="Batch size" value={batchSize} onChange={setBatchSize} min={1} />
        <NumberField id="webhook-age" label="Maximum age (hours)" value={maxAgeHours} onChange={setMaxAgeHours} min={1} hint="Older undelivered leads are not sent (they become DEAD)" />
        <button type="submit" className="button primary" disabled={save.running}>
          Save webhook
        </button>
        <span role="status" aria-live="polite" className={problem ?? save.error ? 'bad' : 'good'}>
          {problem ?? save.error ?? (saved ? 'Webhook saved.' : '')}
        </span>
      </form>
      <div className="notice-actions">
        <button type="button" className="button" onClick={() => setConfirmRotate(true)} disabled={!webhook?.url}>
          Rotate secret
        </button>
      </div>
      <TestEvent advertiserId={advertiserId} disabled={!webhook?.url} />
      {confirmRotate && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          running={rotate.running}
          error={rotate.error}
          onClose={() => {
            rotate.reset()
            setConfirmRotate(false)
          }}
          onConfirm={async () => {
            const fresh = await rotate.run(advertiserId)
            if (fresh) {
              setSecret(fresh)
              setConfirmRotate(false)
              onSaved()
            }
          }}
        >
          The advertiser's receiver must switch to the new secret: deliveries signed with it fail the old one's check.
        </ConfirmDialog>
      )}
    </section>
  )
}
