import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { lazy, Suspense } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { CHUNK_RELOAD_KEY, CHUNK_RELOAD_GUARD_MS, reloadOnceForStaleChunk } from '@/lib/stale-chunk'
import { PageErrorBoundary } from './page-error-boundary'

function Broken(): never {
  throw new Error('Cannot read properties of undefined (reading "edges")')
}

/** A lazy page whose chunk is gone, as after a redeploy. */
const StalePage = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://x/assets/calls-page-abc123.js')))

function Shell({ children, reload }: { children: React.ReactNode; reload: () => void }) {
  return (
    <>
      <nav aria-label="Pages">
        <a href="/overview">Overview</a>
      </nav>
      <main>
        <PageErrorBoundary reload={reload}>
          <Suspense fallback={<p>Loading…</p>}>{children}</Suspense>
        </PageErrorBoundary>
      </main>
    </>
  )
}

describe('the page error boundary', () => {
  beforeEach(() => {
    sessionStorage.clear()
    // React reports caught render errors on the console: expected here.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => vi.restoreAllMocks())

  it('shows a render error with Reload, and the navigation stays', async () => {
    const reload = vi.fn()
    render(
      <Shell reload={reload}>
        <Broken />
      </Shell>,
    )
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('This page stopped working.')
    expect(alert.textContent).toContain('reading "edges"')
    expect(screen.getByRole('link', { name: 'Overview' })).toBeTruthy()
    expect(reload).not.toHaveBeenCalled()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload' }))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('reloads once by itself when a page chunk is gone, and remembers it for this tab', async () => {
    const reload = vi.fn()
    render(
      <Shell reload={reload}>
        <StalePage />
      </Shell>,
    )
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1))
    expect(Number(sessionStorage.getItem(CHUNK_RELOAD_KEY))).toBeGreaterThan(0)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('does not reload again right after such a reload: it shows the boundary instead', async () => {
    sessionStorage.setItem(CHUNK_RELOAD_KEY, String(Date.now() - 1000))
    const reload = vi.fn()
    render(
      <Shell reload={reload}>
        <StalePage />
      </Shell>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This page could not be loaded.')
    expect(reload).not.toHaveBeenCalled()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload' }))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('allows an automatic reload again once the guard time has passed', () => {
    const reload = vi.fn()
    const now = Date.now()
    sessionStorage.setItem(CHUNK_RELOAD_KEY, String(now - CHUNK_RELOAD_GUARD_MS - 1))
    expect(reloadOnceForStaleChunk(reload, now)).toBe(true)
    expect(reloadOnceForStaleChunk(reload, now + 1000)).toBe(false)
    expect(reload).toHaveBeenCalledTimes(1)
  })
})
