import { useLayoutEffect, useRef } from 'react'

/**
 * A ref that always holds the latest `value`, for callbacks registered once (event listeners,
 * chart handlers, requests) that must call the newest prop. It is updated after each render is
 * committed, never during render, so an abandoned render cannot leave a value behind.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value)
  useLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
