import { useState } from 'react'
import { SelectField } from '@/components/ui/select-field'
import { useResetOnChange } from '@/lib/use-reset-on-change'

export type Mode = 'WORKLOAD' | 'ERLANG_C' | 'ERLANG_A'

export interface Targets {
  mode: Mode
  intervalMinutes: number
  serviceLevel: number
  answerWithinSeconds: number
  maxOccupancy: number
  shrinkage: number
  patienceSeconds: number
}

export const DEFAULT_TARGETS: Targets = {
  mode: 'WORKLOAD',
  intervalMinutes: 30,
  serviceLevel: 0.8,
  answerWithinSeconds: 20,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
  patienceSeconds: 300,
}

export const MODE_LABELS: Record<Mode, string> = {
  WORKLOAD: 'Workload (outbound dialling)',
  ERLANG_C: 'Erlang C (queue, nobody hangs up)',
  ERLANG_A: 'Erlang A (queue with abandonment)',
}

interface NumberField {
  key: 'serviceLevel' | 'answerWithinSeconds' | 'maxOccupancy' | 'shrinkage' | 'patienceSeconds'
  label: string
  unit: '%' | 's'
  min: number
  max: number
  /** Used by these modes only; shown disabled otherwise. */
  modes: Mode[]
}

const FIELDS: NumberField[] = [
  { key: 'serviceLevel', label: 'Service level target', unit: '%', min: 1, max: 99.9, modes: ['ERLANG_C', 'ERLANG_A'] },
  { key: 'answerWithinSeconds', label: 'Answer within', unit: 's', min: 1, max: 3600, modes: ['ERLANG_C', 'ERLANG_A'] },
  { key: 'maxOccupancy', label: 'Maximum occupancy', unit: '%', min: 1, max: 100, modes: ['WORKLOAD', 'ERLANG_C', 'ERLANG_A'] },
  { key: 'shrinkage', label: 'Shrinkage', unit: '%', min: 0, max: 95, modes: ['WORKLOAD', 'ERLANG_C', 'ERLANG_A'] },
  { key: 'patienceSeconds', label: 'Mean patience', unit: 's', min: 1, max: 36000, modes: ['ERLANG_A'] },
]

function display(targets: Targets, field: NumberField): string {
  const value = targets[field.key]
  return field.unit === '%' ? String(Math.round(value * 1000) / 10) : String(value)
}

/**
 * The staffing targets, editable; a valid change is reported at once (the plan is recomputed live),
 * an invalid one is shown with its reason and not reported.
 */
export function StaffingTargetsEditor({ targets, onChange }: { targets: Targets; onChange: (targets: Targets) => void }) {
  const [drafts, setDrafts] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map((f) => [f.key, display(targets, f)])))
  const [errors, setErrors] = useState<Record<string, string>>({})

  // Targets changed from outside (a shared link, a reset): show them.
  useResetOnChange([targets], () => {
    setDrafts(Object.fromEntries(FIELDS.map((f) => [f.key, display(targets, f)])))
    setErrors({})
  })

  function edit(field: NumberField, text: string) {
    setDrafts((d) => ({ ...d, [field.key]: text }))
    const number = Number(text)
    if (text.trim() === '' || Number.isNaN(number)) {
      setErrors((e) => ({ ...e, [field.key]: `${field.label} must be a number.` }))
      return
    }
    if (number < field.min || number > field.max) {
      setErrors((e) => ({ ...e, [field.key]: `${field.label} must be between ${field.min} and ${field.max} ${field.unit}.` }))
      return
    }
    setErrors((e) => {
      const copy = { ...e }
      delete copy[field.key]
      return copy
    })
    onChange({ ...targets, [field.key]: field.unit === '%' ? number / 100 : number })
  }

  return (
    <form className="targets-editor" aria-label="Staffing targets" onSubmit={(e) => e.preventDefault()}>
      <SelectField id="target-mode" label="Model" value={targets.mode} options={MODE_LABELS} onChange={(mode) => onChange({ ...targets, mode: mode as Mode })} />
      <div className="field">
        <label htmlFor="target-interval">Interval</label>
        <select id="target-interval" value={targets.intervalMinutes} onChange={(e) => onChange({ ...targets, intervalMinutes: Number(e.target.value) })}>
          {[15, 30, 60].map((m) => (
            <option key={m} value={m}>
              {m} minutes
            </option>
          ))}
        </select>
      </div>
      {FIELDS.map((field) => {
        const id = `target-${field.key}`
        const used = field.modes.includes(targets.mode)
        const error = errors[field.key]
        return (
          <div className="field" key={field.key}>
            <label htmlFor={id}>
              {field.label} ({field.unit})
            </label>
            <input
              id={id}
              type="number"
              inputMode="decimal"
              min={field.min}
              max={field.max}
              step="any"
              value={drafts[field.key] ?? ''}
              disabled={!used}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-error` : undefined}
              title={used ? undefined : `Not used by ${MODE_LABELS[targets.mode]}`}
              onChange={(e) => edit(field, e.target.value)}
            />
            {error && (
              <span className="field-error" id={`${id}-error`} role="alert">
                {error}
              </span>
            )}
          </div>
        )
      })}
    </form>
  )
}
