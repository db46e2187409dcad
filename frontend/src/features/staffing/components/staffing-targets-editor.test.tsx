import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { DEFAULT_TARGETS, StaffingTargetsEditor, type Targets } from './staffing-targets-editor'

function Harness({ initial, onTargets }: { initial: Targets; onTargets: (t: Targets) => void }) {
  const [targets, setTargets] = useState(initial)
  return (
    <StaffingTargetsEditor
      targets={targets}
      onChange={(t) => {
        setTargets(t)
        onTargets(t)
      }}
    />
  )
}

describe('StaffingTargetsEditor', () => {
  it('shows ratios as percentages and reports a valid change as a ratio', async () => {
    const user = userEvent.setup()
    const onTargets = vi.fn()
    render(<Harness initial={{ ...DEFAULT_TARGETS, mode: 'ERLANG_C' }} onTargets={onTargets} />)
    const sl = screen.getByRole('spinbutton', { name: 'Service level target (%)' })
    expect(sl).toHaveProperty('value', '80')
    await user.clear(sl)
    await user.type(sl, '90')
    expect(onTargets.mock.lastCall![0]).toMatchObject({ serviceLevel: 0.9, mode: 'ERLANG_C' })
    const shrinkage = screen.getByRole('spinbutton', { name: 'Shrinkage (%)' })
    await user.clear(shrinkage)
    await user.type(shrinkage, '35')
    expect(onTargets.mock.lastCall![0]).toMatchObject({ serviceLevel: 0.9, shrinkage: 0.35 })
  })

  it('refuses an out-of-range value with its reason and does not report it', async () => {
    const user = userEvent.setup()
    const onTargets = vi.fn()
    render(<Harness initial={{ ...DEFAULT_TARGETS, mode: 'ERLANG_C' }} onTargets={onTargets} />)
    const occupancy = screen.getByRole('spinbutton', { name: 'Maximum occupancy (%)' })
    await user.clear(occupancy)
    await user.type(occupancy, '150')
    expect(screen.getByRole('alert').textContent).toBe('Maximum occupancy must be between 1 and 100 %.')
    expect(occupancy.getAttribute('aria-invalid')).toBe('true')
    expect(onTargets.mock.calls.every(([t]) => t.maxOccupancy <= 1)).toBe(true)
    await user.clear(occupancy)
    await user.type(occupancy, '90')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(onTargets.mock.lastCall![0].maxOccupancy).toBeCloseTo(0.9)
  })

  it('enables only the targets the chosen model uses', async () => {
    const user = userEvent.setup()
    const onTargets = vi.fn()
    render(<Harness initial={DEFAULT_TARGETS} onTargets={onTargets} />)
    // Workload mode: no queue, so no service level, answer time or patience.
    expect(screen.getByRole('spinbutton', { name: 'Service level target (%)' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('spinbutton', { name: 'Mean patience (s)' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('spinbutton', { name: 'Shrinkage (%)' })).toHaveProperty('disabled', false)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'ERLANG_A')
    expect(onTargets.mock.lastCall![0].mode).toBe('ERLANG_A')
    expect(screen.getByRole('spinbutton', { name: 'Mean patience (s)' })).toHaveProperty('disabled', false)
    expect(screen.getByRole('spinbutton', { name: 'Service level target (%)' })).toHaveProperty('disabled', false)
  })

  it('changes the interval length', async () => {
    const user = userEvent.setup()
    const onTargets = vi.fn()
    render(<Harness initial={DEFAULT_TARGETS} onTargets={onTargets} />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Interval' }), '15')
    expect(onTargets.mock.lastCall![0].intervalMinutes).toBe(15)
  })
})
