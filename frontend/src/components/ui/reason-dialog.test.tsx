import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ReasonDialog } from './reason-dialog'

describe('ReasonDialog', () => {
  it('names its field and action as told, and refuses a reason over the limit', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn(async () => {})
    render(<ReasonDialog title="Release lead L-1" intro="Held because: FL-HOURS" label="Reason for the release" missingReason="Enter a reason." submitLabel="Release lead" runningLabel="Releasing…" maxLength={10} onSubmit={onSubmit} onClose={() => {}} />)
    expect(screen.getByRole('dialog', { name: 'Release lead L-1' }).textContent).toContain('Held because: FL-HOURS')
    const field = screen.getByLabelText('Reason for the release')
    fireEvent.change(field, { target: { value: '  eleven chars  ' } })
    await user.click(screen.getByRole('button', { name: 'Release lead' }))
    expect(screen.getByRole('alert').textContent).toBe('Keep the reason under 10 characters.')
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id)
    expect(onSubmit).not.toHaveBeenCalled()
    fireEvent.change(field, { target: { value: ' ten chars ' } })
    await user.click(screen.getByRole('button', { name: 'Release lead' }))
    expect(onSubmit).toHaveBeenCalledWith('ten chars')
  })
})
