import { ReasonDialog } from '@/components/ui/reason-dialog'

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
  return (
    <ReasonDialog
      title={`Return lead ${leadLabel}`}
      intro={`A returned lead is not billed. Returns are accepted until ${returnableUntil}.`}
      label="Reason"
      missingReason="Enter a reason: it tells the call centre what was wrong with the lead."
      submitLabel="Return lead"
      runningLabel="Returning…"
      onSubmit={onSubmit}
      onClose={onClose}
    />
  )
}
