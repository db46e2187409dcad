import { useState } from 'react'
import type { ServiceMetricConflictsQuery } from '@/gql/graphql'
import { execute, invalidateQueries } from '@/lib/graphql-client'
import { formatDuration, formatInteger, formatPercent } from '@/lib/format'
import { ChooseServiceMetricDocument, useServiceMetricConflicts } from '../api/service-levels'

type Conflict = ServiceMetricConflictsQuery['serviceMetricConflicts'][number]

/** Periods a metric file listed twice with different values: every version, and which one counts. */
export function ConflictsPanel({ queue }: { queue: string }) {
  const query = useServiceMetricConflicts(queue)
  const [error, setError] = useState<string | null>(null)
  const conflicts = query.data?.serviceMetricConflicts ?? []
  if (conflicts.length === 0) return null

  async function choose(metricId: string) {
    setError(null)
    try {
      await execute(ChooseServiceMetricDocument, { metricId })
      // The chosen version changes the queue's metrics and what is planned from them.
      await invalidateQueries('ServiceMetricConflicts', 'ServiceMetrics', 'StaffingBacktest', 'ServiceLevelFor', 'StaffingPlan')
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <section className="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Periods listed twice with different values ({conflicts.length})</h2>
      <p className="muted">Both versions are kept; the one marked "counted" is in the figures above. Choose the right one.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {conflicts.map((c: Conflict) => (
        <div key={`${c.granularity}-${c.periodStart}`} className="table-scroll">
          <table className="data-table">
            <caption>
              {c.granularity === 'MONTH' ? String(c.periodStart).slice(0, 7) : String(c.periodStart)} ({(c.granularity ?? '').toLowerCase()})
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col" className="num">Offered</th>
                <th scope="col" className="num">Handled</th>
                <th scope="col" className="num">Abandoned</th>
                <th scope="col" className="num">ASA</th>
                <th scope="col" className="num">Service level</th>
                <th scope="col">Counted</th>
              </tr>
            </thead>
            <tbody>
              {(c.versions ?? []).map((v) =>
                v ? (
                  <tr key={v.metricId} className={v.chosen ? 'selected' : undefined}>
                    <td>
                      batch {v.batchId}, line {v.line}
                    </td>
                    <td className="num">{formatInteger(v.offered)}</td>
                    <td className="num">{formatInteger(v.handled)}</td>
                    <td className="num">{formatInteger(v.abandoned)}</td>
                    <td className="num">{formatDuration(v.asaSeconds)}</td>
                    <td className="num">{formatPercent(v.serviceLevel)}</td>
                    <td>
                      {v.chosen ? (
                        <strong>counted</strong>
                      ) : (
                        <button type="button" className="button" onClick={() => choose(v.metricId ?? '')}>
                          Count this one
                        </button>
                      )}
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  )
}
