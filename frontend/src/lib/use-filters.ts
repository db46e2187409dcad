import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { readFilters, toCallFilter, writeFilters, type Filters } from './filters'

/** The global filters from the URL, the GraphQL filter they make, and a setter that writes the URL. */
export function useFilters() {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => readFilters(params), [params])
  const callFilter = useMemo(() => toCallFilter(filters), [filters])
  const setFilters = useCallback(
    (next: Filters) =>
      setParams((current) => {
        const written = writeFilters(current, next)
        // A page cursor belongs to the old filters.
        written.delete('after')
        return written
      }),
    [setParams],
  )
  return { filters, callFilter, setFilters }
}

/**
 * A page's own URL parameter (selected scope, sort, tab...), with a default. `clears`: parameters that belong to
 * the value being replaced (a selection within a tab), dropped in the same URL update when it changes.
 */
export function useUrlParam(name: string, fallback: string, clears: readonly string[] = NONE): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams()
  const value = params.get(name) ?? fallback
  const set = useCallback(
    (next: string | null) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current)
          if (next === null || next === fallback) copy.delete(name)
          else copy.set(name, next)
          for (const dependent of clears) copy.delete(dependent)
          return copy
        },
        { replace: true },
      ),
    [name, fallback, clears, setParams],
  )
  return [value, set]
}

const NONE: readonly string[] = []
