/** A labelled drop-down of choices: value -> text in the order shown, or values shown as they are. */
export function SelectField({ id, label, value, options, onChange }: {
  id: string
  label: string
  value: string | number
  options: Record<string, string> | readonly string[]
  onChange: (value: string) => void
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {(Array.isArray(options) ? options.map((o) => [o, o]) : Object.entries(options)).map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}
