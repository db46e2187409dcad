import { useEffect, useState } from 'react'

/** The clock, re-rendering every `intervalMs` (time-in-state counters that tick between pushes). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
