import { useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import { useSession } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { invalidateQueries } from '@/lib/graphql-client'
import { useAction } from '@/lib/use-action'
import { useFilters } from '@/lib/use-filters'
import { unlockUser } from '../api/unlock-user'
import { useUsers } from '../api/users'
import type { User } from '../types'
import { CreateUserForm } from './create-user-form'
import { EditUserDialog } from './edit-user-dialog'
import { PasswordDialog } from './password-dialog'

function locked(user: User, now: number): boolean {
  return !!user.lockedUntil && Date.parse(user.lockedUntil) > now
}

/** Who may sign in: create a user, change a role, reset a password, unlock after failed sign-ins. */
export function UsersPanel() {
  const { filters } = useFilters()
  const tz = filters.timeZone
  const query = useUsers()
  const me = useSession()
  const [editing, setEditing] = useState<User | null>(null)
  const [resetting, setResetting] = useState<User | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const unlock = useAction(unlockUser)
  // Locks are judged as of the last change made here (the list is reloaded then), not re-read from
  // the clock on every render.
  const [now, setNow] = useState(Date.now)

  function changed(text: string) {
    setNow(Date.now())
    setMessage(text)
    setEditing(null)
    setResetting(null)
    void invalidateQueries('Users', 'AuditLog')
  }

  const columns: Column<User>[] = [
    { key: 'username', header: 'User', value: (u) => u.username, render: (u) => (u.username === me?.username ? <strong>{u.username} (you)</strong> : u.username) },
    { key: 'role', header: 'Role', value: (u) => u.role },
    { key: 'advertiserId', header: 'Advertiser', value: (u) => u.advertiserId },
    {
      key: 'state',
      header: 'State',
      value: (u) => (u.disabled ? 'disabled' : locked(u, now) ? 'locked' : 'active'),
      render: (u) =>
        u.disabled ? (
          <span className="badge badge-error">disabled</span>
        ) : locked(u, now) ? (
          <span className="badge badge-warning" title={`Locked until ${formatDateTime(u.lockedUntil, tz)}`}>
            locked
          </span>
        ) : (
          <span className="badge badge-top">active</span>
        ),
    },
    { key: 'lastLoginAt', header: 'Last sign-in', value: (u) => u.lastLoginAt, render: (u) => formatDateTime(u.lastLoginAt, tz) },
    { key: 'createdAt', header: 'Created', value: (u) => u.createdAt, render: (u) => formatDateTime(u.createdAt, tz) },
    {
      key: 'actions',
      header: 'Actions',
      sortable: false,
      value: () => null,
      render: (u) => (
        <span className="row-actions">
          <button type="button" className="button small" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
            Edit
          </button>
          <button type="button" className="button small" onClick={() => setResetting(u)} aria-label={`Reset password of ${u.username}`}>
            Reset password
          </button>
          {locked(u, now) && (
            <button
              type="button"
              className="button small"
              disabled={unlock.running}
              aria-label={`Unlock ${u.username}`}
              onClick={async () => {
                if (await unlock.run(u.id)) changed(`${u.username} unlocked.`)
              }}
            >
              Unlock
            </button>
          )}
        </span>
      ),
    },
  ]

  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <CreateUserForm onCreated={(name) => changed(`User ${name} created.`)} />
      {(message || unlock.error) && (
        <p role="status" className={unlock.error ? 'bad' : 'good'}>
          {unlock.error ?? message}
        </p>
      )}
      <QueryStatus {...query} isEmpty={(d) => d.users.length === 0} empty="No user yet.">
        {(data) => <DataTable caption="Users" columns={columns} rows={data.users} rowKey={(u) => u.id} exportName="users" initialSort={{ key: 'username', direction: 'asc' }} />}
      </QueryStatus>
      {editing && <EditUserDialog user={editing} onDone={changed} onClose={() => setEditing(null)} />}
      {resetting && <PasswordDialog user={resetting} onDone={changed} onClose={() => setResetting(null)} />}
    </section>
  )
}
