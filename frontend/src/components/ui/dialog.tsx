import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useLatest } from '@/lib/use-latest'

/**
 * A modal dialog: labelled by its title, Escape or Cancel closes it, focus starts inside it and
 * returns to where it was.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const onCloseRef = useLatest(onClose)

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button')
    ;(first ?? ref.current)?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      previous?.focus?.()
    }
  }, [onCloseRef])

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  )
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  running,
  error,
  onConfirm,
  onClose,
}: {
  title: string
  children: ReactNode
  confirmLabel: string
  running?: boolean
  error?: string | null
  onConfirm: () => void
  onClose: () => void
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div>{children}</div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose} label={confirmLabel} running={running} onConfirm={onConfirm} />
    </Dialog>
  )
}

/**
 * A dialog's Cancel and its primary button, which is disabled while the action runs. Without
 * `onConfirm` the primary button submits the dialog's form.
 */
export function DialogActions({ onCancel, label, running, onConfirm }: { onCancel: () => void; label: ReactNode; running?: boolean; onConfirm?: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type={onConfirm ? 'button' : 'submit'} className="button primary" onClick={onConfirm} disabled={running}>
        {label}
      </button>
    </div>
  )
}
