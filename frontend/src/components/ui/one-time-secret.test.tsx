import { afterEach, describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { OneTimeSecret } from './one-time-secret'

describe('OneTimeSecret', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows the secret once, copies it, and is gone once dismissed', async () => {
    const user = userEvent.setup()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const onDismiss = vi.fn()
    render(<OneTimeSecret title="New API key" secret="cs_live_abc123" onDismiss={onDismiss} />)
    const notice = screen.getByRole('region', { name: 'New API key' })
    expect(notice.textContent).toContain('shown only this once')
    expect(screen.getByTestId('one-time-secret').textContent).toBe('cs_live_abc123')

    await user.click(screen.getByRole('button', { name: 'Copy' }))
    expect(writeText).toHaveBeenCalledWith('cs_live_abc123')
    expect(screen.getByRole('status').textContent).toBe('Copied to the clipboard.')

    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(onDismiss).toHaveBeenCalledOnce()
  })

  it('tells how to copy by hand when the browser refuses', async () => {
    const user = userEvent.setup()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    render(<OneTimeSecret title="New webhook signing secret" secret="whsec_1" onDismiss={() => {}} />)
    await user.click(screen.getByRole('button', { name: 'Copy' }))
    expect(screen.getByRole('status').textContent).toContain('select the text and copy it')
  })
})
