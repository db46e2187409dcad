import { useMemo, useState } from 'react'
import { FormError } from '@/components/ui/form-error'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { ConfirmDialog, Dialog } from '@/components/ui/dialog'
import { OneTimeSecret } from '@/components/ui/one-time-secret'
import { QueryStatus } from '@/components/ui/states'
import type { ApiKeysQuery, Role, UsersQuery } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'
import { useSession } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { clearQueryCache } from '@/lib/graphql-client'
import { useFilters } from '@/lib/use-filters'
import { useAction } from '@/lib/use-action'
import { useApiKeys } from '../api/api-keys'
import { createApiKey } from '../api/create-api-key'
import { createUser } from '../api/create-user'
import { revokeApiKey } from '../api/revoke-api-key'
import { setUserPassword } from '../api/set-user-password'
import { unlockUser } from '../api/unlock-user'
import { updateUser } from '../api/update-user'
import { useUsers } from '../api/users'

type User = UsersQuery['users'][number]
type ApiKey = ApiKeysQuery['apiKeys'][number]

const ROLES: Role[] = ['ADMIN', 'ANALYST', 'ADVERTISER']
const MIN_PASSWORD_LENGTH = 8

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  )
}

/** The role picker, and the advertiser picker an ADVERTISER (user or key) must be bound to. */
function RoleFields({ idPrefix, role, onRole, advertiserId, onAdvertiser }: {
  idPrefix: string
  role: Role
  onRole: (role: Role) => void
  advertiserId: string
  onAdvertiser: (id: string) => void
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>Role</label>
        <RoleSelect id={`${idPrefix}-role`} value={role} onChange={onRole} />
      </div>
      {role === 'ADVERTISER' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-advertiser`}>Advertiser</label>
          <AdvertiserSelect id={`${idPrefix}-advertiser`} value={advertiserId} onChange={onAdvertiser} />
        </div>
      )}
    </>
  )
}

function AdvertiserSelect({ id, value, onChange }: { id: string; value: string; onChange: (id: string) => void }) {
  const advertisers = useDimensions().data?.advertisers ?? []
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose…</option>
      {advertisers.map((a) => (
        <option key={a.advertiserId} value={a.advertiserId ?? ''}>
          {a.name ?? a.advertiserId}
        </option>
      ))}
    </select>
  )
}

function passwordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH ? `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` : null
}

function CreateUserForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('ANALYST')
  const [advertiserId, setAdvertiserId] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(createUser)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const p = !username.trim() ? 'Enter a user name.' : passwordProblem(password) ?? (role === 'ADVERTISER' && !advertiserId ? 'Choose the advertiser this user belongs to.' : null)
    setProblem(p)
    if (p) return
    const created = await action.run(username.trim(), password, role, role === 'ADVERTISER' ? advertiserId : null)
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
      <RoleFields idPrefix="new-user" role={role} onRole={setRole} advertiserId={advertiserId} onAdvertiser={setAdvertiserId} />
      <button type="submit" className="button primary" disabled={action.running}>
        Create user
      </button>
      <FormError message={problem ?? action.error} />
    </form>
  )
}

function EditUserDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const [role, setRole] = useState<Role>(user.role ?? 'ANALYST')
  const [advertiserId, setAdvertiserId] = useState(user.advertiserId ?? '')
  const [disabled, setDisabled] = useState(user.disabled)
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(updateUser)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (role === 'ADVERTISER' && !advertiserId) {
      setProblem('Choose the advertiser this user belongs to.')
      return
    }
    setProblem(null)
    const done = await action.run(user.id, { role, advertiserId: role === 'ADVERTISER' ? advertiserId : null, disabled })
    if (done) onDone(`User ${user.username} saved.`)
  }

  return (
    <Dialog title={`Edit user ${user.username}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <RoleFields idPrefix="edit-user" role={role} onRole={setRole} advertiserId={advertiserId} onAdvertiser={setAdvertiserId} />
        <label className="checkbox-field">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> Disabled (cannot sign in)
        </label>
        <FormError message={problem ?? action.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={action.running}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function PasswordDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
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
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={action.running}>
            Reset password
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function locked(user: User, now: number): boolean {
  return !!user.lockedUntil && Date.parse(user.lockedUntil) > now
}

function UsersSection() {
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
    clearQueryCache()
    query.refetch()
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
          <button type="button" className="button small" onClick={() => setResetting(u)} aria-label={`Reset the password of ${u.username}`}>
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

function CreateKeyForm({ onCreated }: { onCreated: (key: string, name: string) => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('ADVERTISER')
  const [advertiserId, setAdvertiserId] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction(createApiKey)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const p = !name.trim() ? 'Name the key after who uses it (e.g. "Acme CRM sync").' : role === 'ADVERTISER' && !advertiserId ? 'Choose the advertiser the key reads the feed of.' : null
    setProblem(p)
    if (p) return
    const created = await action.run(name.trim(), role, role === 'ADVERTISER' ? advertiserId : null)
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
      <RoleFields idPrefix="new-key" role={role} onRole={setRole} advertiserId={advertiserId} onAdvertiser={setAdvertiserId} />
      <button type="submit" className="button primary" disabled={action.running}>
        Create key
      </button>
      <FormError message={problem ?? action.error} />
    </form>
  )
}

function ApiKeysSection() {
  const { filters } = useFilters()
  const tz = filters.timeZone
  const query = useApiKeys()
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const revoke = useAction(revokeApiKey)

  const columns = useMemo<Column<ApiKey>[]>(
    () => [
      { key: 'prefix', header: 'Prefix', value: (k) => k.prefix, render: (k) => <code>{k.prefix}…</code> },
      { key: 'name', header: 'Name', value: (k) => k.name },
      { key: 'role', header: 'Role', value: (k) => k.role },
      { key: 'advertiserId', header: 'Advertiser', value: (k) => k.advertiserId },
      { key: 'createdAt', header: 'Created', value: (k) => k.createdAt, render: (k) => `${formatDateTime(k.createdAt, tz)}${k.createdBy ? ` by ${k.createdBy}` : ''}` },
      { key: 'lastUsedAt', header: 'Last used', value: (k) => k.lastUsedAt, render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : 'never') },
      {
        key: 'revokedAt',
        header: 'Revoked',
        value: (k) => k.revokedAt,
        render: (k) =>
          k.revokedAt ? (
            <span className="badge badge-error">{formatDateTime(k.revokedAt, tz)}</span>
          ) : (
            <button type="button" className="button small danger" onClick={() => setRevoking(k)} aria-label={`Revoke key ${k.name ?? k.prefix}`}>
              Revoke
            </button>
          ),
      },
    ],
    [tz],
  )

  return (
    <section className="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="muted">Programs authenticate with an API key in the Authorization header. The key is shown once, when it is created; only its prefix is kept readable.</p>
      <CreateKeyForm
        onCreated={(key, name) => {
          setCreated({ key, name })
          setMessage(null)
          clearQueryCache()
          query.refetch()
        }}
      />
      {created && <OneTimeSecret title={`New API key "${created.name}"`} secret={created.key} onDismiss={() => setCreated(null)} />}
      {message && (
        <p role="status" className="good">
          {message}
        </p>
      )}
      <QueryStatus {...query} isEmpty={(d) => d.apiKeys.length === 0} empty="No API key yet.">
        {(data) => <DataTable caption="API keys" columns={columns} rows={data.apiKeys} rowKey={(k) => k.id} exportName="api-keys" initialSort={{ key: 'createdAt', direction: 'desc' }} />}
      </QueryStatus>
      {revoking && (
        <ConfirmDialog
          title={`Revoke key ${revoking.name ?? revoking.prefix}?`}
          confirmLabel="Revoke key"
          running={revoke.running}
          error={revoke.error}
          onClose={() => {
            revoke.reset()
            setRevoking(null)
          }}
          onConfirm={async () => {
            if (await revoke.run(revoking.id)) {
              setMessage(`Key ${revoking.name ?? revoking.prefix} revoked: programs using it are refused from now on.`)
              setRevoking(null)
              clearQueryCache()
              query.refetch()
            }
          }}
        >
          Programs using the key <code>{revoking.prefix}…</code> will be refused at once. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  )
}

export default function UsersAdminPage() {
  return (
    <>
      <PageHeader title="Users and keys" description="Who may sign in, with which role, and the API keys programs use. Every change here is written to the audit log." />
      <UsersSection />
      <ApiKeysSection />
    </>
  )
}
