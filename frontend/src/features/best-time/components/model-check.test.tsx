import { describe, expect, it } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import { ModelCheck } from './model-check'

const bins = (pairs: [number, number][]) => pairs.map(([predicted, observed], i) => ({ bin: i + 1, predicted, observed, dials: 100 }))

const validation = [
  {
    outcome: 'CONNECT',
    testWeeks: 4,
    testDials: 98321,
    brier: 0.1947,
    baselineBrier: 0.209,
    skill: 0.068,
    calibration: bins([
      [0.114, 0.122],
      [0.519, 0.525],
    ]),
    lift: [
      { share: 0.1, modelRate: 0.4, callingOrderRate: 0.2139, lift: 1.87 },
      { share: 0.2, modelRate: 0.35, callingOrderRate: 0.2288, lift: 1.53 },
      { share: 0.5, modelRate: 0.3, callingOrderRate: 0.2308, lift: 1.3 },
    ],
  },
  {
    outcome: 'CONVERSION',
    testWeeks: 4,
    testDials: 98321,
    brier: 0.0559,
    baselineBrier: 0.0569,
    skill: null,
    calibration: bins([
      [0.018, 0.019],
      [0.125, 0.122],
    ]),
    lift: [{ share: 0.1, modelRate: 0.1, callingOrderRate: 0.05, lift: null }],
  },
]

describe('ModelCheck', () => {
  it('shows each outcome with its Brier score, skill and lift over calling order', () => {
    render(<ModelCheck validation={validation} />)
    const table = screen.getByRole('table', { name: 'Out-of-sample validation' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    const connect = within(rows[0]).getAllByRole('cell').map((c) => c.textContent)
    expect(connect[0]).toBe('Connect per dial')
    expect(connect).toContain('0.1947')
    expect(connect).toContain('0.068')
    expect(connect).toContain('1.87×')
    expect(connect).toContain('1.30×')
    const conversion = within(rows[1]).getAllByRole('cell').map((c) => c.textContent)
    expect(conversion[0]).toBe('Conversion per dial')
    // no skill and no lift where the validation could not tell: a dash, not 0
    expect(conversion.filter((t) => t === '–').length).toBeGreaterThanOrEqual(3)
    expect(screen.getByText(/each of the last 4 weeks predicted/)).toBeTruthy()
  })

  it('puts the deciles of every outcome side by side, predicted against observed', () => {
    render(<ModelCheck validation={validation} />)
    const table = screen.getByRole('table', { name: 'Calibration by decile' })
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers.join('|')).toContain('Connect per dial: predicted')
    expect(headers.join('|')).toContain('Conversion per dial: observed')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    const top = within(rows[1]).getAllByRole('cell').map((c) => c.textContent)
    expect(top).toEqual(['2', '51.9%', '52.5%', '12.5%', '12.2%'])
  })

  it('says so when the history could not be validated yet', () => {
    render(<ModelCheck validation={[]} />)
    expect(screen.getByText(/Not validated/)).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
  })
})
