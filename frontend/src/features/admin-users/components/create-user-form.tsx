import { useState } from 'react'
import { FormError } from '@/components/ui/form-error'
import { useAction } from '@/lib/use-action'
import { createUser } from '../api/create-user'
import { passwordProblem } from './password-problem'
import { RoleFields, useRoleChoice } from './role-fields'

export function CreateUserForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const choice = useRoleChoice('ANALYST')
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(createUser)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const p = !username.trim() ? 'Enter a user name.' : passwordProblem(password) ?? (choice.missingAdvertiser ? 'Choose the advertiser this user belongs to.' : null)
    setProblem(p)
    if (p) return
    const created = await action.run(username.trim(), password, choice.role, choice.boundAdvertiserId)
    if (created) {
      setUsername('')
      setPassword('')
      onCreated(created.username ?? username)
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label="Create a user" noValidate>
      <div className="field">
        <label htmlFor="new-user-name">User name</label>
        <input id="new-user-name" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="new-user-password">Password</label>
        <input id="new-user-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <RoleFields idPrefix="new-user" {...choice.fields} />
      <button type="submit" className="button primary" disabled={action.running}>
        Create user
      </button>
      <FormError message={problem ?? action.error} />
    </form>
  )
}
