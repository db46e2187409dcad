import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ReturnLeadDialog } from './return-lead-dialog'

function renderDialog(onSubmit = vi.fn(async () => {}), onClose = vi.fn()) {
  render(<ReturnLeadDialog leadLabel="L-42" returnableUntil="03 Mar 2030, 12:00" onSubmit={onSubmit} onClose={onClose} />)
  return { onSubmit, onClose }
}

describe('ReturnLeadDialog', () => {
  it('requires a reason before returning the lead', async () => {
    const user = userEvent.setup()
    const { onSubmit } = renderDialog()
    expect(screen.getByRole('dialog', { name: 'Return lead L-42' })).toBeTruthy()
    await user.type(screen.getByLabelText('Reason'), '   ')
    await user.click(screen.getByRole('button', { name: 'Return lead' }))
    expect(screen.getByRole('alert').textContent).toContain('Enter a reason')
    expect(screen.getByLabelText('Reason').getAttribute('aria-invalid')).toBe('true')
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('returns the lead with the trimmed reason', async () => {
    const user = userEvent.setup()
    const { onSubmit } = renderDialog()
    await user.type(screen.getByLabelText('Reason'), '  Wrong number  ')
    await user.click(screen.getByRole('button', { name: 'Return lead' }))
    expect(onSubmit).toHaveBeenCalledWith('Wrong number')
  })

  it('shows the server refusal and stays open', async () => {
    const user = userEvent.setup()
    renderDialog(vi.fn(async () => Promise.reject(new Error('The return window of this lead closed.'))))
    await user.type(screen.getByLabelText('Reason'), 'Duplicate')
    await user.click(screen.getByRole('button', { name: 'Return lead' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The return window of this lead closed.')
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('closes on Cancel and on Escape', async () => {
    const user = userEvent.setup()
    const { onClose } = renderDialog()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledTimes(2)
  })
})
