/**
 * After a redeploy, an open tab still asks for the page chunks of the old build, which are gone:
 * the dynamic import fails. One automatic reload fetches the new build; a second failure soon after
 * is a real fault, shown by the page's error boundary (no reload loop).
 */

export const CHUNK_RELOAD_KEY = 'callsight.chunk-reload'
/** No second automatic reload within this time of the last one. */
export const CHUNK_RELOAD_GUARD_MS = 5 * 60_000

/** Whether an error is a module (page chunk) that could not be loaded, as browsers and Vite word it. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message)
}

/** Reloads the page unless it was reloaded for this reason a short while ago; tells whether it did. */
let reloading = false

/** Reloads the whole page. */
export const reloadPage = () => window.location.reload()

/** A reload for a stale chunk is under way: whatever fails meanwhile is not shown. */
export function reloadingForStaleChunk(): boolean {
  return reloading
}

export function reloadOnceForStaleChunk(reload: () => void = reloadPage, now = Date.now()): boolean {
  try {
    const last = Number(sessionStorage.getItem(CHUNK_RELOAD_KEY) ?? 0)
    if (now - last < CHUNK_RELOAD_GUARD_MS) return false
    sessionStorage.setItem(CHUNK_RELOAD_KEY, String(now))
  } catch {
    // Without sessionStorage a loop cannot be ruled out: the error boundary offers the reload instead.
    return false
  }
  reloading = reload === reloadPage
  reload()
  return true
}

/** Vite's signal that a chunk's preload failed: reload once instead of failing the import. */
export function listenForStaleChunks(): () => void {
  const onPreloadError = (event: Event) => {
    if (reloadOnceForStaleChunk()) event.preventDefault()
  }
  window.addEventListener('vite:preloadError', onPreloadError)
  return () => window.removeEventListener('vite:preloadError', onPreloadError)
}
