import { useEffect, useMemo, useState } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Pager, useCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { AuditLogQuery } from '@/gql/graphql'
import { formatDateTime } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useResetOnChange } from '@/lib/use-reset-on-change'
import { useAuditLog } from '../api/audit-log'

type Entry = NonNullable<NonNullable<NonNullable<AuditLogQuery['auditLog']['edges']>[number]>['node']>

const PAGE_SIZE = 50

/** The audited mutations (the action is the mutation's name); any other text can be typed too. */
const KNOWN_ACTIONS = [
  'login',
  'createUser',
  'updateUser',
  'setUserPassword',
  'unlockUser',
  'createApiKey',
  'revokeApiKey',
  'returnLead',
  'setAdvertiserCriteria',
  'setAdvertiserSettings',
  'setWebhook',
  'rotateWebhookSecret',
  'sendTestEvent',
  'redeliverLeads',
  'redeliverBatch',
]

/** The detail is JSON text: shown indented, or as it is when it is not JSON. */
export function readableDetail(detail: string | null | undefined): string {
  if (!detail) return ''
  try {
    const parsed: unknown = JSON.parse(detail)
    if (parsed !== null && typeof parsed === 'object') return JSON.stringify(parsed, null, 2)
    return String(parsed)
  } catch {
    return detail
  }
}

function ActionFilter({ value, onChange }: { value: string; onChange: (action: string | null) => void }) {
  const [text, setText] = useState(value)
  useResetOnChange([value], () => setText(value))
  return (
    <form
      className="toolbar"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault()
        onChange(text.trim() || null)
      }}
    >
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" list="audit-actions" value={text} placeholder="every action" onChange={(e) => setText(e.target.value)} />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <button type="submit" className="button">
        Filter
      </button>
      {value && (
        <button type="button" className="button" onClick={() => onChange(null)}>
          Show every action
        </button>
      )}
    </form>
  )
}

export default function AuditPage() {
  const { filters } = useFilters()
  const tz = filters.timeZone
  const [action, setAction] = useUrlParam('action', '')
  const pages = useCursorPages()
  const { first } = pages
  useEffect(() => first(), [action, first])
  const query = useAuditLog(PAGE_SIZE, pages.after, action || null)

  const columns = useMemo<Column<Entry>[]>(
    () => [
      { key: 'at', header: `At (${tz})`, value: (e) => e.at, render: (e) => formatDateTime(e.at, tz) },
      { key: 'actor', header: 'Who', value: (e) => e.actor, render: (e) => `${e.actor ?? '–'}${e.actorRole ? ` (${e.actorRole})` : ''}` },
      { key: 'action', header: 'Action', value: (e) => e.action, render: (e) => <code>{e.action}</code> },
      { key: 'target', header: 'Target', value: (e) => e.target },
      {
        key: 'outcome',
        header: 'Outcome',
        value: (e) => e.outcome,
        render: (e) => <span className={e.outcome === 'OK' ? 'good' : 'bad'}>{e.outcome}</span>,
      },
      {
        key: 'detail',
        header: 'Detail',
        sortable: false,
        value: (e) => e.detail,
        render: (e) => (e.detail ? <pre className="json-detail">{readableDetail(e.detail)}</pre> : '–'),
      },
    ],
    [tz],
  )

  return (
    <>
      <PageHeader title="Audit" description={`Every sign-in and every change, newest first, ${PAGE_SIZE} per page: who did it, with which role, to what, and how it ended. Secrets are never logged.`} />
      <ActionFilter value={action} onChange={setAction} />
      <QueryStatus {...query} isEmpty={(d) => (d.auditLog.edges?.length ?? 0) === 0} empty={action ? `No "${action}" action in the audit log.` : 'The audit log is empty.'}>
        {(data) => (
          <section className="panel">
            <DataTable
              caption="Audit log"
              columns={columns}
              rows={(data.auditLog.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))}
              rowKey={(e) => e.id}
              exportName="audit-log"
              footer={<Pager label="Pages of the audit log" pages={pages} hasNextPage={data.auditLog.pageInfo.hasNextPage} endCursor={data.auditLog.pageInfo.endCursor} />}
            />
          </section>
        )}
      </QueryStatus>
    </>
  )
}
