import { useCallback, useEffect, useRef } from 'react'
import { useSearchParams } from 'react-router-dom'

/**
 * TV mode (`?tv=1`): large type without the app's navigation, full screen when the browser allows
 * it (only from a click: a TV opening `/live?tv=1` gets the large type without full screen).
 * Escape, leaving full screen, or the page's button ends it.
 */
export function useTvMode(): { tv: boolean; enter: () => void; leave: () => void } {
  const [params, setParams] = useSearchParams()
  const tv = params.get('tv') === '1'
  // Whether this page put the browser in full screen (then leaving full screen leaves TV mode).
  const ownFullscreen = useRef(false)

  const setTv = useCallback(
    (on: boolean) =>
      setParams((current) => {
        const next = new URLSearchParams(current)
        if (on) next.set('tv', '1')
        else next.delete('tv')
        return next
      }),
    [setParams],
  )

  const enter = useCallback(() => {
    setTv(true)
    const root = document.documentElement
    if (root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().then(
        () => {
          ownFullscreen.current = true
        },
        () => {
          /* not allowed (iframe, policy): large type only */
        },
      )
    }
  }, [setTv])

  const leave = useCallback(() => {
    setTv(false)
    if (ownFullscreen.current && document.fullscreenElement && document.exitFullscreen) void document.exitFullscreen().catch(() => {})
    ownFullscreen.current = false
  }, [setTv])

  useEffect(() => {
    if (!tv) return
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') leave()
    }
    // In full screen the browser takes Escape for itself: leaving full screen leaves TV mode.
    function onFullscreenChange() {
      if (!document.fullscreenElement && ownFullscreen.current) leave()
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('fullscreenchange', onFullscreenChange)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('fullscreenchange', onFullscreenChange)
    }
  }, [tv, leave])

  return { tv, enter, leave }
}
