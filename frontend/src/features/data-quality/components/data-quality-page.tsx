import { useMemo } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { Chart, type ChartOption } from '@/components/charts/chart'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { CrmSnapshotsQuery, DataQualityReportQuery } from '@/gql/graphql'
import { formatDate, formatInteger } from '@/lib/format'
import { useUrlParam } from '@/lib/use-filters'
import { useCrmSnapshots, useDataQualityReport } from '../api/data-quality'

type Snapshot = CrmSnapshotsQuery['crmSnapshots'][number]
type Check = NonNullable<NonNullable<DataQualityReportQuery['dataQualityReport']['checks']>[number]>

const SEVERITY_ORDER: Record<string, number> = { ERROR: 0, WARNING: 1, INFO: 2 }

function CheckList({ snapshotId }: { snapshotId: string }) {
  const query = useDataQualityReport(snapshotId)
  return (
    <section className="panel" aria-labelledby="checks-title">
      <QueryStatus {...query}>
        {(data) => {
          const r = data.dataQualityReport
          const checks = (r.checks ?? []).filter((c): c is Check => c !== null).sort((a, b) => (SEVERITY_ORDER[a.severity ?? ''] ?? 3) - (SEVERITY_ORDER[b.severity ?? ''] ?? 3) || b.count - a.count)
          return (
            <>
              <h2 id="checks-title">
                Checks of the {r.source} snapshot of {formatDate(r.reportDate)}
              </h2>
              <ul className="check-list" aria-label="Checks">
                {checks.map((c: Check) => (
                  <li key={c.name ?? ''} className={`check check-${(c.severity ?? 'info').toLowerCase()}`}>
                    <details>
                      <summary>
                        <span className={`badge badge-${(c.severity ?? 'info').toLowerCase()}`}>{c.severity}</span> <strong>{c.name}</strong>: {formatInteger(c.count)}{' '}
                        <span className="muted">{c.description}</span>
                      </summary>
                      {(c.examples ?? []).length === 0 ? (
                        <p className="muted">Nothing to show.</p>
                      ) : (
                        <ul className="examples">
                          {(c.examples ?? []).map((e, i) => (
                            <li key={i}>
                              <code>{e}</code>
                            </li>
                          ))}
                        </ul>
                      )}
                    </details>
                  </li>
                ))}
              </ul>
            </>
          )
        }}
      </QueryStatus>
    </section>
  )
}

export default function DataQualityPage() {
  const query = useCrmSnapshots()
  const [selected, setSelected] = useUrlParam('snapshot', '')
  const snapshots = useMemo(() => query.data?.crmSnapshots ?? [], [query.data])
  const current = selected || (snapshots.length ? String(snapshots[snapshots.length - 1].id) : '')

  const timeline = useMemo<ChartOption | null>(() => {
    if (snapshots.length === 0) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Checks with errors', 'Checks with warnings', 'Unreadable values'] },
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: snapshots.map((s) => `${s.source} ${String(s.reportDate).slice(5)}`) },
      yAxis: [{ type: 'value', name: 'Checks', minInterval: 1 }, { type: 'value', name: 'Values', splitLine: { show: false } }],
      series: [
        { name: 'Checks with errors', type: 'bar', stack: 'checks', data: snapshots.map((s) => s.errors), itemStyle: { color: 'var(--chart-5)' } },
        { name: 'Checks with warnings', type: 'bar', stack: 'checks', data: snapshots.map((s) => s.warnings), itemStyle: { color: 'var(--chart-3)' } },
        { name: 'Unreadable values', type: 'line', yAxisIndex: 1, data: snapshots.map((s) => s.unreadableValues) },
      ],
    }
  }, [snapshots])

  const columns: Column<Snapshot>[] = [
    {
      key: 'reportDate',
      header: 'Report date',
      value: (s) => s.reportDate,
      render: (s) => (
        <button type="button" className="link-button" onClick={() => setSelected(String(s.id))} aria-pressed={current === String(s.id)}>
          {formatDate(s.reportDate)}
        </button>
      ),
    },
    { key: 'source', header: 'Source', value: (s) => s.source },
    { key: 'fileName', header: 'File', value: (s) => s.fileName },
    { key: 'rowsLoaded', header: 'Rows', value: (s) => s.rowsLoaded, render: (s) => formatInteger(s.rowsLoaded), align: 'right' },
    { key: 'sentinelRows', header: 'Sentinel rows', value: (s) => s.sentinelRows, align: 'right' },
    { key: 'unreadableValues', header: 'Unreadable values', value: (s) => s.unreadableValues, align: 'right' },
    { key: 'errors', header: 'Errors', value: (s) => s.errors, align: 'right' },
    { key: 'warnings', header: 'Warnings', value: (s) => s.warnings, align: 'right' },
    { key: 'unknownColumns', header: 'Unknown columns', value: (s) => (s.unknownColumns ?? []).join(', ') },
  ]

  return (
    <>
      <PageHeader title="Data quality" description="Checks on every CRM report snapshot: duplicates, contradictions, unreadable values, schema drift and sudden shifts against the previous snapshot. Open a check for the offending rows." />
      <QueryStatus {...query} isEmpty={(d) => d.crmSnapshots.length === 0} empty="No CRM snapshot loaded yet.">
        {() => (
          <>
            <section className="panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">Problems per snapshot</h2>
              {timeline && <Chart option={timeline} height={260} label="Checks with errors and warnings, and unreadable values, per snapshot" />}
            </section>
            <div className="split">
              <section className="panel">
                <DataTable caption="CRM snapshots" columns={columns} rows={snapshots} rowKey={(s) => String(s.id)} exportName="crm-snapshots" selectedKey={current} />
              </section>
              {current && <CheckList snapshotId={current} />}
            </div>
          </>
        )}
      </QueryStatus>
    </>
  )
}
