import { useState } from 'react'
import { Dialog, DialogActions } from '@/components/ui/dialog'
import { FormError } from '@/components/ui/form-error'
import { useAction } from '@/lib/use-action'
import { updateUser } from '../api/update-user'
import type { User } from '../types'
import { RoleFields, useRoleChoice } from './role-fields'

export function EditUserDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const choice = useRoleChoice(user.role ?? 'ANALYST', user.advertiserId ?? '')
  const [disabled, setDisabled] = useState(user.disabled)
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(updateUser)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (choice.missingAdvertiser) {
      setProblem('Choose the advertiser this user belongs to.')
      return
    }
    setProblem(null)
    const done = await action.run(user.id, { role: choice.role, advertiserId: choice.boundAdvertiserId, disabled })
    if (done) onDone(`User ${user.username} saved.`)
  }

  return (
    <Dialog title={`Edit user ${user.username}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <RoleFields idPrefix="edit-user" {...choice.fields} />
        <label className="checkbox-field">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> Disabled (cannot sign in)
        </label>
        <FormError message={problem ?? action.error} />
        <DialogActions onCancel={onClose} label="Save" running={action.running} />
      </form>
    </Dialog>
  )
}
