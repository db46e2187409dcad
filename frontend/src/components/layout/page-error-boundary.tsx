import { Component, type ErrorInfo, type ReactNode } from 'react'
import { isChunkLoadError, reloadingForStaleChunk, reloadOnceForStaleChunk, reloadPage } from '@/lib/stale-chunk'

interface Props {
  children: ReactNode
  /** Reloads the whole page (a test passes its own). */
  reload?: () => void
}

interface State {
  error: Error | null
  /** A page chunk failed and the page is being reloaded for it: nothing to show meanwhile. */
  reloading: boolean
}

/**
 * Around each page, inside the shell (the navigation stays): a render error or a page chunk that no
 * longer loads shows what happened and a Reload button instead of a blank page. A stale chunk after
 * a redeploy reloads the page once by itself. Keyed by the path in the app, so another page starts clean.
 */
export class PageErrorBoundary extends Component<Props, State> {
  state: State = { error: null, reloading: false }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    if (isChunkLoadError(error) && reloadOnceForStaleChunk(this.props.reload ?? reloadPage)) {
      this.setState({ reloading: true })
      return
    }
    console.warn('A page failed to render', error, info.componentStack)
  }

  render() {
    const { error, reloading } = this.state
    if (!error) return this.props.children
    // Vite's preload handler may have started the reload already; the failed import then shows as another error.
    if (reloading || reloadingForStaleChunk()) return null
    const stale = isChunkLoadError(error)
    return (
      <div className="state state-error page-error" role="alert">
        <div>
          <strong>{stale ? 'This page could not be loaded.' : 'This page stopped working.'}</strong>{' '}
          {stale ? 'Callsight may have been updated since this tab was opened; reloading fetches the new version.' : error.message}
        </div>
        <button type="button" className="button" onClick={this.props.reload ?? reloadPage}>
          Reload
        </button>
      </div>
    )
  }
}
