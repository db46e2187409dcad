import { afterEach, describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { DataTable, type Column } from './data-table'

interface Row {
  id: string
  name: string
  calls: number
  rate: number | null
}

const rows: Row[] = [
  { id: 'a', name: 'Solar, "Savings" Check', calls: 120, rate: 0.25 },
  { id: 'b', name: 'Auto Quotes', calls: 1500, rate: null },
  { id: 'c', name: 'Home Quotes', calls: 30, rate: 0.5 },
]

const columns: Column<Row>[] = [
  { key: 'name', header: 'Campaign', value: (r) => r.name },
  { key: 'calls', header: 'Calls', value: (r) => r.calls, render: (r) => r.calls.toLocaleString('en-US'), align: 'right' },
  { key: 'rate', header: 'Rate', value: (r) => r.rate, render: (r) => (r.rate === null ? '–' : `${r.rate * 100}%`), align: 'right' },
]

function bodyColumn(index: number): string[] {
  const table = screen.getByRole('table', { name: 'Campaigns' })
  const bodyRows = within(table).getAllByRole('row').slice(1)
  return bodyRows.map((row) => within(row).getAllByRole('cell')[index].textContent ?? '')
}

describe('DataTable', () => {
  afterEach(() => vi.restoreAllMocks())

  it('sorts by a column on click, toggles the direction, and says so to assistive technology', async () => {
    const user = userEvent.setup()
    render(<DataTable caption="Campaigns" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    expect(bodyColumn(0)).toEqual(['Solar, "Savings" Check', 'Auto Quotes', 'Home Quotes'])

    await user.click(screen.getByRole('button', { name: /Calls/ }))
    expect(bodyColumn(1)).toEqual(['1,500', '120', '30'])
    expect(screen.getByRole('columnheader', { name: /Calls/ }).getAttribute('aria-sort')).toBe('descending')

    await user.click(screen.getByRole('button', { name: /Calls/ }))
    expect(bodyColumn(1)).toEqual(['30', '120', '1,500'])
    expect(screen.getByRole('columnheader', { name: /Calls/ }).getAttribute('aria-sort')).toBe('ascending')

    await user.click(screen.getByRole('button', { name: /Campaign/ }))
    expect(bodyColumn(0)).toEqual(['Auto Quotes', 'Home Quotes', 'Solar, "Savings" Check'])
  })

  it('keeps missing values last in both directions', async () => {
    const user = userEvent.setup()
    render(<DataTable caption="Campaigns" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    await user.click(screen.getByRole('button', { name: /Rate/ }))
    expect(bodyColumn(2)).toEqual(['50%', '25%', '–'])
    await user.click(screen.getByRole('button', { name: /Rate/ }))
    expect(bodyColumn(2)).toEqual(['25%', '50%', '–'])
  })

  it('is sortable from the keyboard', async () => {
    const user = userEvent.setup()
    render(<DataTable caption="Campaigns" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    await user.tab()
    await user.tab()
    expect(document.activeElement?.textContent).toContain('Calls')
    await user.keyboard('{Enter}')
    expect(bodyColumn(1)).toEqual(['1,500', '120', '30'])
  })

  it('exports the raw values, in the order shown, as RFC 4180 CSV', async () => {
    const user = userEvent.setup()
    const blobs: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob)
      return 'blob:export'
    })
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    render(<DataTable caption="Campaigns" columns={columns} rows={rows} rowKey={(r) => r.id} exportName="campaign-performance" />)
    await user.click(screen.getByRole('button', { name: /Calls/ }))
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))

    expect(clicked).toHaveLength(1)
    expect(clicked[0]).toMatch(/^campaign-performance-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await blobs[0].text()
    expect(csv).toBe('Campaign,Calls,Rate\r\nAuto Quotes,1500,\r\n"Solar, ""Savings"" Check",120,0.25\r\nHome Quotes,30,0.5\r\n')
  })
})
