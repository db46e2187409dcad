import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ConfirmDialog, Dialog } from './dialog'

function Opener({ onClose = () => {} }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Rename
      </button>
      {open && (
        <Dialog
          title="Rename the key"
          onClose={() => {
            onClose()
            setOpen(false)
          }}
        >
          <label>
            Name <input />
          </label>
        </Dialog>
      )}
    </>
  )
}

describe('Dialog', () => {
  it('is a native modal dialog, labelled by its title, with focus on its first field', async () => {
    const user = userEvent.setup()
    render(<Opener />)
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    const dialog = screen.getByRole('dialog', { name: 'Rename the key' })
    expect(dialog.tagName).toBe('DIALOG')
    expect((dialog as HTMLDialogElement).open).toBe(true)
    expect(dialog.dataset.modal).toBe('true')
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
  })

  it('closes on Escape and gives the focus back to what opened it', async () => {
    const user = userEvent.setup()
    const onClose = vi.fn()
    render(<Opener onClose={onClose} />)
    const opener = screen.getByRole('button', { name: 'Rename' })
    await user.click(opener)
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('closes on a close request (cancel event) and on a click on the backdrop, not inside', async () => {
    const user = userEvent.setup()
    const onClose = vi.fn()
    render(<Opener onClose={onClose} />)
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    fireEvent.mouseDown(screen.getByLabelText('Name'))
    expect(onClose).not.toHaveBeenCalled()
    const cancel = new Event('cancel', { cancelable: true })
    screen.getByRole('dialog').dispatchEvent(cancel)
    expect(cancel.defaultPrevented).toBe(true)
    expect(onClose).toHaveBeenCalledTimes(1)
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    fireEvent.mouseDown(screen.getByRole('dialog'))
    expect(onClose).toHaveBeenCalledTimes(2)
  })

  it('ConfirmDialog confirms or cancels', async () => {
    const user = userEvent.setup()
    const onConfirm = vi.fn()
    const onClose = vi.fn()
    render(
      <ConfirmDialog title="Revoke key?" confirmLabel="Revoke key" onConfirm={onConfirm} onClose={onClose}>
        It cannot be undone.
      </ConfirmDialog>,
    )
    // Focus starts on the first button: Cancel, the safe one.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(screen.getByRole('button', { name: 'Revoke key' }))
    expect(onConfirm).toHaveBeenCalledTimes(1)
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onClose).toHaveBeenCalledTimes(1)
  })
})
