import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useLatest } from '@/lib/use-latest'

/**
 * A modal dialog, the native `<dialog>` opened with showModal(): the rest of the page is inert, so
 * focus stays inside; labelled by its title; Escape, Cancel or a click on the backdrop closes it;
 * focus starts on its first field and returns to where it was.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId()
  const ref = useRef<HTMLDialogElement>(null)
  const onCloseRef = useLatest(onClose)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    if (!dialog.open) dialog.showModal()
    const first = dialog.querySelector<HTMLElement>('input, select, textarea, button')
    ;(first ?? dialog).focus()
    // Other close requests than Escape (a device's back gesture): closed the same way.
    const onCancel = (e: Event) => {
      e.preventDefault()
      onCloseRef.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      // The owner unmounts the dialog without close(): close it, then give focus back ourselves.
      if (dialog.open) dialog.close()
      previous?.focus?.()
    }
  }, [onCloseRef])

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        // Handled here (also where the browser has no close requests); no cancel event follows.
        e.preventDefault()
        onClose()
      }}
      // A click on the backdrop lands on the dialog element itself, the content fills the inside.
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="dialog-body">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </dialog>
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
