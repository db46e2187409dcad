import { useState } from 'react'
import type { Role } from '@/gql/graphql'
import { useDimensions } from '@/lib/api/dimensions'

const ROLES: Role[] = ['ADMIN', 'ANALYST', 'ADVERTISER']

/**
 * A role and the advertiser an ADVERTISER (user or key) is bound to, as a form edits them: what to
 * save, and whether the advertiser is still missing.
 */
export function useRoleChoice(initialRole: Role, initialAdvertiserId = '') {
  const [role, setRole] = useState<Role>(initialRole)
  const [advertiserId, setAdvertiserId] = useState(initialAdvertiserId)
  const advertiserRole = role === 'ADVERTISER'
  return {
    role,
    /** The advertiser to save: only an ADVERTISER has one. */
    boundAdvertiserId: advertiserRole ? advertiserId : null,
    missingAdvertiser: advertiserRole && !advertiserId,
    fields: { role, onRole: setRole, advertiserId, onAdvertiser: setAdvertiserId },
  }
}

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

/** The role picker, and the advertiser picker an ADVERTISER (user or key) must be bound to. */
export function RoleFields({ idPrefix, role, onRole, advertiserId, onAdvertiser }: {
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
