import { useState } from 'react'

/**
 * A secret the server shows once (an API key, a webhook signing secret): shown until dismissed, with
 * a copy button. It is not kept anywhere else; once dismissed it cannot be shown again.
 */
export function OneTimeSecret({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }

  return (
    <div className="notice notice-warning" role="region" aria-label={title}>
      <strong>{title}</strong>
      <p>Copy it now: it is shown only this once and cannot be retrieved later.</p>
      <code className="secret" data-testid="one-time-secret">
        {secret}
      </code>
      <div className="notice-actions">
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
        <span role="status" aria-live="polite" className="muted">
          {copied === 'yes' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'The browser did not allow copying: select the text and copy it.'}
        </span>
      </div>
    </div>
  )
}
