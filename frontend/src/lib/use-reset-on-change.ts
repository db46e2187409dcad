import { useState } from 'react'

/**
 * Calls `reset` while rendering when any of `deps` differs (`Object.is`) from the previous render's:
 * a form's drafts follow new props (another advertiser, targets from a shared link) without the
 * extra render, showing stale drafts, of an effect that sets state.
 */
export function useResetOnChange(deps: readonly unknown[], reset: () => void) {
  const [seen, setSeen] = useState(deps)
  if (deps.length !== seen.length || deps.some((dep, i) => !Object.is(dep, seen[i]))) {
    setSeen(deps)
    reset()
  }
}
