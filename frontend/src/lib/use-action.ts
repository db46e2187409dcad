import { useCallback, useState } from 'react'
import { useLatest } from './use-latest'

/** One button's server call: whether it runs, its error in words, its last result. */
export function useAction<T, Args extends unknown[]>(action: (...args: Args) => Promise<T>) {
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<T | undefined>(undefined)
  const actionRef = useLatest(action)

  const run = useCallback(async (...args: Args): Promise<T | undefined> => {
    setRunning(true)
    setError(null)
    try {
      const value = await actionRef.current(...args)
      setResult(value)
      return value
    } catch (e) {
      setError((e as Error).message)
      return undefined
    } finally {
      setRunning(false)
    }
  }, [actionRef])

  const reset = useCallback(() => {
    setError(null)
    setResult(undefined)
  }, [])

  return { run, running, error, result, reset }
}
