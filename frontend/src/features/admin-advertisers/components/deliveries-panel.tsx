import { useEffect, useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Pager, useCursorPages } from '@/components/ui/pager'
import { QueryStatus } from '@/components/ui/states'
import type { WebhookDeliveriesQuery } from '@/gql/graphql'
import { formatDateTime, formatInteger } from '@/lib/format'
import { invalidateQueries } from '@/lib/graphql-client'
import { useAction } from '@/lib/use-action'
import { redeliverBatch } from '../api/redeliver-batch'
import { useWebhookDeliveries } from '../api/webhook-deliveries'

type Attempt = NonNullable<NonNullable<NonNullable<WebhookDeliveriesQuery['webhookDeliveries']['edges']>[number]>['node']>

const PAGE_SIZE = 25

const OUTCOME_CLASS: Record<string, string> = {
  DELIVERED: 'badge badge-top',
  TEST: 'badge badge-info',
  REJECTED: 'badge badge-warning',
  FAILED: 'badge badge-error',
}

/** Every delivery attempt, newest first, with a way to send a batch's leads again. */
export function DeliveriesPanel({ advertiserId, timeZone, onRedelivered }: { advertiserId: string; timeZone: string; onRedelivered: () => void }) {
  const pages = useCursorPages()
  const { first } = pages
  useEffect(() => first(), [advertiserId, first])
  const query = useWebhookDeliveries(advertiserId, PAGE_SIZE, pages.after)
  const redeliver = useAction(redeliverBatch)
  const [message, setMessage] = useState<string | null>(null)

  const columns: Column<Attempt>[] = [
      { key: 'attemptedAt', header: `Attempted (${timeZone})`, value: (a) => a.attemptedAt, render: (a) => formatDateTime(a.attemptedAt, timeZone) },
      { key: 'batchId', header: 'Batch', value: (a) => a.batchId, render: (a) => <code>{a.batchId}</code> },
      { key: 'leadCount', header: 'Leads', value: (a) => a.leadCount, align: 'right', render: (a) => formatInteger(a.leadCount) },
      { key: 'seqs', header: 'Seqs', value: (a) => (a.seqs ?? []).join(' '), render: (a) => (a.seqs && a.seqs.length > 0 ? `${a.seqs[0]}${a.seqs.length > 1 ? ` – ${a.seqs[a.seqs.length - 1]}` : ''}` : '–') },
      { key: 'outcome', header: 'Outcome', value: (a) => a.outcome, render: (a) => <span className={OUTCOME_CLASS[a.outcome ?? ''] ?? 'badge badge-info'}>{a.outcome}</span> },
      { key: 'httpStatus', header: 'HTTP', value: (a) => a.httpStatus, align: 'right' },
      { key: 'durationMs', header: 'Time (ms)', value: (a) => a.durationMs, align: 'right', render: (a) => formatInteger(a.durationMs) },
      { key: 'error', header: 'Error', value: (a) => a.error },
      {
        key: 'redeliver',
        header: 'Action',
        sortable: false,
        value: () => null,
        render: (a) =>
          a.batchId && a.outcome !== 'TEST' ? (
            <button
              type="button"
              className="button small"
              disabled={redeliver.running}
              aria-label={`Redeliver batch ${a.batchId}`}
              onClick={async () => {
                setMessage(null)
                const queued = await redeliver.run(a.batchId!)
                if (queued !== undefined) {
                  setMessage(`Batch ${a.batchId}: ${formatInteger(queued)} lead${queued === 1 ? '' : 's'} queued for delivery again.`)
                  void invalidateQueries('WebhookDeliveries', 'FeedStatus')
                  onRedelivered()
                }
              }}
            >
              Redeliver batch
            </button>
          ) : null,
      },
  ]

  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Delivery log</h2>
      {(message || redeliver.error) && (
        <p role="status" className={redeliver.error ? 'bad' : 'good'}>
          {redeliver.error ?? message}
        </p>
      )}
      <QueryStatus {...query} isEmpty={(d) => (d.webhookDeliveries.edges?.length ?? 0) === 0} empty="No delivery attempt yet.">
        {(data) => (
          <DataTable
            caption="Webhook deliveries"
            columns={columns}
            rows={(data.webhookDeliveries.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))}
            rowKey={(a) => String(a.id ?? `${a.batchId}-${a.attemptedAt}`)}
            exportName={`webhook-deliveries-${advertiserId}`}
            footer={<Pager label="Pages of deliveries" pages={pages} hasNextPage={data.webhookDeliveries.pageInfo.hasNextPage} endCursor={data.webhookDeliveries.pageInfo.endCursor} />}
          />
        )}
      </QueryStatus>
    </section>
  )
}
