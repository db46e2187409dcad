/** A form's problem (a field to correct, or the server's answer), announced to assistive technology. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  )
}
