import { useState } from 'react'
import { FormError } from '@/components/ui/form-error'
import { DataTable, type Column } from '@/components/ui/data-table'
import { OneTimeSecret } from '@/components/ui/one-time-secret'
import { QueryStatus } from '@/components/ui/states'
import type { AdvertiserApiKeysQuery } from '@/gql/graphql'
import { formatDateTime } from '@/lib/format'
import { invalidateQueries } from '@/lib/graphql-client'
import { useAction } from '@/lib/use-action'
import { useAdvertiserApiKeys } from '../api/advertiser-api-keys'
import { createAdvertiserApiKey } from '../api/create-advertiser-api-key'

type Key = AdvertiserApiKeysQuery['apiKeys'][number]

/** Keys the advertiser's systems use to read its feed (role ADVERTISER, bound to it). */
export function AdvertiserKeysPanel({ advertiserId, timeZone }: { advertiserId: string; timeZone: string }) {
  const query = useAdvertiserApiKeys()
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null)
  const create = useAction(createAdvertiserApiKey)

  const columns: Column<Key>[] = [
    { key: 'prefix', header: 'Prefix', value: (k) => k.prefix, render: (k) => <code>{k.prefix}…</code> },
    { key: 'name', header: 'Name', value: (k) => k.name },
    { key: 'createdAt', header: 'Created', value: (k) => k.createdAt, render: (k) => formatDateTime(k.createdAt, timeZone) },
    { key: 'lastUsedAt', header: 'Last used', value: (k) => k.lastUsedAt, render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : 'never') },
    { key: 'revokedAt', header: 'Revoked', value: (k) => k.revokedAt, render: (k) => (k.revokedAt ? formatDateTime(k.revokedAt, timeZone) : '–') },
  ]

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!name.trim()) {
      setProblem('Name the key after the system that uses it.')
      return
    }
    setProblem(null)
    const done = await create.run(name.trim(), advertiserId)
    if (done) {
      setCreated({ key: done.key, name: done.apiKey.name ?? name.trim() })
      setName('')
      void invalidateQueries('AdvertiserApiKeys', 'AuditLog')
    }
  }

  return (
    <section className="panel" aria-labelledby="advertiser-keys-title">
      <h2 id="advertiser-keys-title">API keys of this advertiser</h2>
      <form className="form-grid" onSubmit={submit} aria-label="Create an API key for this advertiser" noValidate>
        <div className="field">
          <label htmlFor="advertiser-key-name">Key name</label>
          <input id="advertiser-key-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button primary" disabled={create.running}>
          Create key
        </button>
        <FormError message={problem ?? create.error} />
      </form>
      {created && <OneTimeSecret title={`New API key "${created.name}"`} secret={created.key} onDismiss={() => setCreated(null)} />}
      <QueryStatus {...query}>
        {(data) => {
          const keys = data.apiKeys.filter((k) => k.advertiserId === advertiserId)
          return keys.length === 0 ? (
            <p className="muted">No key for this advertiser yet. Revoke keys on the Users and keys page.</p>
          ) : (
            <DataTable caption="API keys of this advertiser" columns={columns} rows={keys} rowKey={(k) => k.id} exportName={`api-keys-${advertiserId}`} initialSort={{ key: 'createdAt', direction: 'desc' }} />
          )
        }}
      </QueryStatus>
    </section>
  )
}
