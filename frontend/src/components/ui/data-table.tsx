import { useMemo, useState, type ReactNode } from 'react'
import { downloadCsv, toCsv } from '@/lib/csv'

export interface Column<Row> {
  /** Stable key, also the sort key. */
  key: string
  header: string
  /** The raw value: sorts the column and fills the CSV export. */
  value: (row: Row) => string | number | boolean | null | undefined
  /** What the cell shows; the raw value when absent. */
  render?: (row: Row) => ReactNode
  align?: 'left' | 'right'
  sortable?: boolean
  /** A short explanation shown as the header's tooltip. */
  description?: string
}

export type SortState = { key: string; direction: 'asc' | 'desc' } | null

interface DataTableProps<Row> {
  caption: string
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string
  /** File name of the CSV export (without the date); no export button when absent. */
  exportName?: string
  initialSort?: SortState
  /** Sorting done by the caller (server-side paging): the table only reports clicks. */
  onSortChange?: (sort: SortState) => void
  onRowClick?: (row: Row) => void
  selectedKey?: string | null
  footer?: ReactNode
}

function compare(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined
  const bMissing = b === null || b === undefined
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' })
}

/** A sortable table (click or Enter on a header) with CSV export of exactly what it holds, in its order. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  exportName,
  initialSort = null,
  onSortChange,
  onRowClick,
  selectedKey,
  footer,
}: DataTableProps<Row>) {
  const [sort, setSort] = useState<SortState>(initialSort)

  const sorted = useMemo(() => {
    if (!sort || onSortChange) return rows
    const column = columns.find((c) => c.key === sort.key)
    if (!column) return rows
    const factor = sort.direction === 'asc' ? 1 : -1
    // Missing values stay last whatever the direction.
    return [...rows].sort((x, y) => {
      const a = column.value(x)
      const b = column.value(y)
      const aMissing = a === null || a === undefined
      const bMissing = b === null || b === undefined
      if (aMissing || bMissing) return compare(a, b)
      return factor * compare(a, b)
    })
  }, [rows, columns, sort, onSortChange])

  function toggle(column: Column<Row>) {
    const next: SortState =
      sort?.key === column.key
        ? { key: column.key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { key: column.key, direction: typeof column.value(rows[0] as Row) === 'number' ? 'desc' : 'asc' }
    setSort(next)
    onSortChange?.(next)
  }

  function exportCsv() {
    const csv = toCsv(
      columns.map((c) => ({ header: c.header, value: c.value })),
      sorted,
    )
    const stamp = new Date().toISOString().slice(0, 10)
    downloadCsv(`${exportName}-${stamp}.csv`, csv)
  }

  return (
    <div className="table-panel">
      {exportName && (
        <div className="table-actions">
          <span className="muted">{rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'row' : 'rows'}</span>
          <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
            Export CSV
          </button>
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.key === column.key
                const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={column.sortable === false ? undefined : ariaSort}
                    className={column.align === 'right' ? 'num' : undefined}
                    title={column.description}
                  >
                    {column.sortable === false ? (
                      column.header
                    ) : (
                      <button type="button" className="sort-button" onClick={() => toggle(column)}>
                        {column.header}
                        <span aria-hidden="true" className="sort-mark">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const key = rowKey(row)
              return (
                <tr
                  key={key}
                  className={[onRowClick ? 'clickable' : '', selectedKey === key ? 'selected' : ''].join(' ').trim() || undefined}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  aria-selected={selectedKey === undefined ? undefined : selectedKey === key}
                >
                  {columns.map((column) => (
                    <td key={column.key} className={column.align === 'right' ? 'num' : undefined}>
                      {column.render ? column.render(row) : String(column.value(row) ?? '–')}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {footer}
    </div>
  )
}
