/** A number input whose empty value means "not set" (null). */
export function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
  hint,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  min?: number
  max?: number
  step?: number | 'any'
  hint?: string
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode="decimal" min={min} max={max} step={step} value={value} onChange={(e) => onChange(e.target.value)} title={hint} />
    </div>
  )
}

/** '' is null; anything else must be a number within bounds, or the message says what is wrong. */
export function parseOptionalNumber(text: string, label: string, { min, max, integer }: { min?: number; max?: number; integer?: boolean } = {}): { value: number | null; problem?: string } {
  if (text.trim() === '') return { value: null }
  const value = Number(text)
  if (!Number.isFinite(value)) return { value: null, problem: `${label}: enter a number.` }
  if (integer && !Number.isInteger(value)) return { value: null, problem: `${label}: enter a whole number.` }
  if (min !== undefined && value < min) return { value: null, problem: `${label}: at least ${min}.` }
  if (max !== undefined && value > max) return { value: null, problem: `${label}: at most ${max}.` }
  return { value }
}

export function asText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value)
}
