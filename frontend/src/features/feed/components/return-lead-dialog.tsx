import { useState } from 'react'
import { Dialog, DialogActions } from '@/components/ui/dialog'

export const MAX_REASON_LENGTH = 500

/** Asks why a lead is returned (the reason is required: it goes to the call centre). */
export function ReturnLeadDialog({
  leadLabel,
  returnableUntil,
  onSubmit,
  onClose,
}: {
  leadLabel: string
  /** Shown so that the person knows the deadline. */
  returnableUntil: string
  /** Returns the lead; rejects with a message the dialog shows. */
  onSubmit: (reason: string) => Promise<void>
  onClose: () => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const trimmed = reason.trim()
    if (!trimmed) {
      setError('Enter a reason: it tells the call centre what was wrong with the lead.')
      return
    }
    if (trimmed.length > MAX_REASON_LENGTH) {
      setError(`Keep the reason under ${MAX_REASON_LENGTH} characters.`)
      return
    }
    setError(null)
    setRunning(true)
    try {
      await onSubmit(trimmed)
    } catch (e) {
      setError((e as Error).message)
      setRunning(false)
    }
  }

  return (
    <Dialog title={`Return lead ${leadLabel}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">A returned lead is not billed. Returns are accepted until {returnableUntil}.</p>
        <div className="field">
          <label htmlFor="return-reason">Reason</label>
          <textarea
            id="return-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'return-reason-error' : undefined}
            required
          />
        </div>
        {error && (
          <p id="return-reason-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <DialogActions onCancel={onClose} label={running ? 'Returning…' : 'Return lead'} running={running} />
      </form>
    </Dialog>
  )
}
