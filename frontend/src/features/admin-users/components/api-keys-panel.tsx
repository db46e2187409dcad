import { useMemo, useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { ConfirmDialog } from '@/components/ui/dialog'
import { OneTimeSecret } from '@/components/ui/one-time-secret'
import { QueryStatus } from '@/components/ui/states'
import { formatDateTime } from '@/lib/format'
import { invalidateQueries } from '@/lib/graphql-client'
import { useAction } from '@/lib/use-action'
import { useFilters } from '@/lib/use-filters'
import { useApiKeys } from '../api/api-keys'
import { revokeApiKey } from '../api/revoke-api-key'
import type { ApiKey } from '../types'
import { CreateKeyForm } from './create-key-form'

/** The API keys programs authenticate with: create one (shown once), revoke one. */
export function ApiKeysPanel() {
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
          void invalidateQueries('ApiKeys', 'AuditLog')
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
              void invalidateQueries('ApiKeys', 'AuditLog')
            }
          }}
        >
          Programs using the key <code>{revoking.prefix}…</code> will be refused at once. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  )
}
