import { useId, useState, type ReactNode } from 'react'
import { Dialog, DialogActions } from './dialog'

export const MAX_REASON_LENGTH = 500

/**
 * Asks for the reason of an action that keeps it (a lead returned, a held lead released): the reason is required,
 * trimmed and at most `maxLength` characters; the server's refusal is shown and the dialog stays open.
 */
export function ReasonDialog({
  title,
  intro,
  label,
  missingReason,
  submitLabel,
  runningLabel,
  maxLength = MAX_REASON_LENGTH,
  onSubmit,
  onClose,
}: {
  title: string
  /** What the person should know before giving the reason. */
  intro?: ReactNode
  /** The reason field's label. */
  label: string
  /** Shown when the reason is empty: why one is needed. */
  missingReason: string
  submitLabel: string
  runningLabel: string
  maxLength?: number
  /** Runs the action; rejects with a message the dialog shows. */
  onSubmit: (reason: string) => Promise<void>
  onClose: () => void
}) {
  const id = useId()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const trimmed = reason.trim()
    if (!trimmed) {
      setError(missingReason)
      return
    }
    if (trimmed.length > maxLength) {
      setError(`Keep the reason under ${maxLength} characters.`)
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
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {intro && <p className="muted">{intro}</p>}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{label}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            required
          />
        </div>
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
        <DialogActions onCancel={onClose} label={running ? runningLabel : submitLabel} running={running} />
      </form>
    </Dialog>
  )
}
