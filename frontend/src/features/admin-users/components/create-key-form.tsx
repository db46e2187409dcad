import { useState } from 'react'
import { FormError } from '@/components/ui/form-error'
import { useAction } from '@/lib/use-action'
import { createApiKey } from '../api/create-api-key'
import { RoleFields, useRoleChoice } from './role-fields'

export function CreateKeyForm({ onCreated }: { onCreated: (key: string, name: string) => void }) {
  const [name, setName] = useState('')
  const choice = useRoleChoice('ADVERTISER')
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(createApiKey)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const p = !name.trim() ? 'Name the key after who uses it (e.g. "Acme CRM sync").' : choice.missingAdvertiser ? 'Choose the advertiser the key reads the feed of.' : null
    setProblem(p)
    if (p) return
    const created = await action.run(name.trim(), choice.role, choice.boundAdvertiserId)
    if (created) {
      setName('')
      onCreated(created.key, created.apiKey.name ?? name)
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label="Create an API key" noValidate>
      <div className="field">
        <label htmlFor="new-key-name">Key name</label>
        <input id="new-key-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <RoleFields idPrefix="new-key" {...choice.fields} />
      <button type="submit" className="button primary" disabled={action.running}>
        Create key
      </button>
      <FormError message={problem ?? action.error} />
    </form>
  )
}
