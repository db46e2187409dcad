import { useState } from 'react'
import { Dialog, DialogActions } from '@/components/ui/dialog'
import { FormError } from '@/components/ui/form-error'
import { useAction } from '@/lib/use-action'
import { setUserPassword } from '../api/set-user-password'
import type { User } from '../types'
import { passwordProblem } from './password-problem'

export function PasswordDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(setUserPassword)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const p = passwordProblem(password)
    setProblem(p)
    if (p) return
    if (await action.run(user.id, password)) onDone(`The password of ${user.username} was reset.`)
  }

  return (
    <Dialog title={`Reset the password of ${user.username}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="reset-password">New password</label>
          <input id="reset-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <FormError message={problem ?? action.error} />
        <DialogActions onCancel={onClose} label="Reset password" running={action.running} />
      </form>
    </Dialog>
  )
}
