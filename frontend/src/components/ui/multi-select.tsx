import { useEffect, useId, useRef, useState } from 'react'

export interface Option {
  value: string
  label: string
}

interface MultiSelectProps {
  label: string
  options: Option[]
  selected: string[]
  onChange: (selected: string[]) => void
}

/**
 * A disclosure button that opens a group of checkboxes: native controls, so Tab, Space and screen
 * readers work without custom key handling; Escape closes it.
 */
export function MultiSelect({ label, options, selected, onChange }: MultiSelectProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const summary =
    selected.length === 0
      ? 'All'
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : `${selected.length} selected`

  function toggle(value: string) {
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value])
  }

  return (
    <div
      className="multi-select"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false)
          buttonRef.current?.focus()
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="multi-select-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span className="multi-select-label">{label}:</span> {summary}
      </button>
      {open && (
        <div className="multi-select-panel" id={panelId}>
          <fieldset>
            <legend className="visually-hidden">{label}</legend>
            <div className="multi-select-tools">
              <button type="button" className="link-button" onClick={() => onChange([])} disabled={selected.length === 0}>
                Clear ({label.toLowerCase()}: all)
              </button>
            </div>
            {options.map((option) => (
              <label key={option.value} className="checkbox-row">
                <input type="checkbox" checked={selected.includes(option.value)} onChange={() => toggle(option.value)} />
                {option.label}
              </label>
            ))}
            {options.length === 0 && <p className="muted">None yet.</p>}
          </fieldset>
        </div>
      )}
    </div>
  )
}
