import { useMemo, useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { ReasonDialog } from '@/components/ui/reason-dialog'
import { QueryStatus } from '@/components/ui/states'
import type { HeldLeadsQuery } from '@/gql/graphql'
import { useSession } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { useFilters } from '@/lib/use-filters'
import { useHeldLeads } from '../api/held-leads'
import { releaseHeldLead } from '../api/release-held-lead'

type HeldLead = HeldLeadsQuery['heldLeads']['edges'][number]['node']

/** The feed leads held back because their verifying call broke a rule; an ADMIN releases them with a reason. */
export function HeldLeadsPanel() {
  const session = useSession()
  const isAdmin = session?.role === 'ADMIN'
  const { filters } = useFilters()
  const [withReleased, setWithReleased] = useState(false)
  const query = useHeldLeads(withReleased)
  const [releasing, setReleasing] = useState<HeldLead | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const tz = filters.timeZone
  const columns = useMemo<Column<HeldLead>[]>(
    () => [
      { key: 'heldAt', header: `Held (${tz})`, value: (l) => l.heldAt, render: (l) => formatDateTime(l.heldAt, tz) },
      { key: 'leadId', header: 'Lead', value: (l) => l.leadId },
      { key: 'advertiserId', header: 'Advertiser', value: (l) => l.advertiserId },
      { key: 'callId', header: 'Verifying call', value: (l) => l.callId },
      { key: 'phone', header: 'Phone', value: (l) => l.phone ?? '' },
      { key: 'reason', header: 'Rules broken', value: (l) => l.reason },
      {
        key: 'release',
        header: 'Release',
        sortable: false,
        value: (l) => l.releasedAt ?? '',
        render: (l) =>
          l.releasedAt ? (
            `Released by ${l.releasedBy ?? '?'}: ${l.releaseReason ?? ''}`
          ) : isAdmin ? (
            <button type="button" className="button small" onClick={() => setReleasing(l)} aria-label={`Release lead ${l.leadId}`}>
              Release
            </button>
          ) : (
            'Held'
          ),
      },
    ],
    [tz, isAdmin],
  )
  return (
    <section className="panel" aria-labelledby="held-leads-title">
      <h2 id="held-leads-title">Leads held back from the feed</h2>
      <p className="muted">A lead verified by a call that broke a rule is not delivered, nor shown to its advertiser, until an administrator releases it.</p>
      <label className="checkbox">
        <input type="checkbox" checked={withReleased} onChange={(e) => setWithReleased(e.target.checked)} /> Show released leads too
      </label>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <QueryStatus {...query} isEmpty={(d) => d.heldLeads.edges.length === 0} empty="No lead is held.">
        {(data) => <DataTable caption="Held leads" columns={columns} rows={data.heldLeads.edges.map((e) => e.node)} rowKey={(l) => String(l.seq)} exportName="held-leads" />}
      </QueryStatus>
      {releasing && (
        <ReasonDialog
          title={`Release lead ${releasing.leadId}`}
          intro={`Held because: ${releasing.reason}`}
          label="Reason for the release"
          missingReason="Enter a reason: it is kept with the release in the audit log."
          submitLabel="Release lead"
          runningLabel="Releasing…"
          onClose={() => setReleasing(null)}
          onSubmit={async (reason) => {
            await releaseHeldLead(Number(releasing.seq), reason)
            setNotice(`Lead ${releasing.leadId} released: ${reason}`)
            setReleasing(null)
          }}
        />
      )}
    </section>
  )
}
