import { useCallback, useEffect, useState } from 'react'
import type { TypedDocumentString } from '@/gql/graphql'
import { authFetch, clearSession, getSession, onSessionChange } from './auth'
import { useLatest } from './use-latest'

/** An error the API answered with: its message is written for people, `code` is BAD_INPUT, NOT_FOUND... */
export class ApiError extends Error {
  readonly code: string | undefined
  constructor(message: string, code?: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

interface GraphQLResponse<T> {
  data?: T | null
  errors?: { message: string; extensions?: { code?: string } }[]
}

export const GRAPHQL_ENDPOINT = '/graphql'

export const SIGNED_OUT_MESSAGE = 'Your session has ended. Sign in again to continue.'

function forbiddenMessage(detail?: string): string {
  const role = getSession()?.role
  const who = role ? `Your role (${role})` : 'Your account'
  const why = detail && !/^(forbidden|unauthori[sz]ed)\.?$/i.test(detail.trim()) ? ` (${detail})` : ''
  return `${who} may not see or change this${why}. Ask an administrator if you need access.`
}

/** Runs one typed operation; rejects with an ApiError carrying the server's first message. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  let response: Response
  try {
    response = await authFetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError('The Callsight server cannot be reached. Check that it is running, then retry.')
  }
  if (response.status === 401) throw new ApiError(SIGNED_OUT_MESSAGE, 'UNAUTHENTICATED')
  if (response.status === 403) throw new ApiError(forbiddenMessage(), 'FORBIDDEN')
  let body: GraphQLResponse<TResult>
  try {
    body = (await response.json()) as GraphQLResponse<TResult>
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a readable body.`)
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0]
    const code = first.extensions?.code
    if (code === 'UNAUTHENTICATED') {
      // The token is no longer accepted (expired, revoked, user disabled): sign in again.
      clearSession()
      throw new ApiError(SIGNED_OUT_MESSAGE, code)
    }
    if (code === 'FORBIDDEN') throw new ApiError(forbiddenMessage(first.message), code)
    throw new ApiError(first.message, code)
  }
  if (!response.ok || body.data == null) {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`)
  }
  return body.data
}

interface CacheEntry {
  data: unknown
  at: number
}

// Answers are kept for a short while so that going back to a page shows it at once while it refreshes.
const cache = new Map<string, CacheEntry>()
const FRESH_MS = 30_000
const MAX_ENTRIES = 200

function remember(key: string, data: unknown) {
  cache.delete(key)
  cache.set(key, { data, at: Date.now() })
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
}

/** Drops every cached answer: after a mutation or an ingest, every report may have changed. */
export function clearQueryCache() {
  cache.clear()
}

// Another user must never see answers cached for the previous one.
onSessionChange(clearQueryCache)

export interface QueryState<T> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  refetch: () => void
}

/**
 * Runs a query whenever its variables change; shows a cached answer at once (and refreshes it when
 * older than 30 s); cancels the request of variables that are no longer wanted.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TResult> {
  const key = document.toString() + '\u0000' + JSON.stringify(variables)
  const cached = cache.get(key)
  const [state, setState] = useState<{ key: string; data?: TResult; error?: ApiError; loading: boolean }>(() => ({
    key,
    data: cached?.data as TResult | undefined,
    loading: !options.skip && !cached,
  }))
  const [generation, setGeneration] = useState(0)
  const variablesRef = useLatest(variables)

  useEffect(() => {
    // This effect is the subscription to the network: it marks its own request as skipped, answered
    // from the cache or loading, and the answer lands asynchronously below.
    if (options.skip) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
      setState({ key, loading: false })
      return
    }
    const hit = cache.get(key)
    if (hit && generation === 0 && Date.now() - hit.at < FRESH_MS) {
      setState({ key, data: hit.data as TResult, loading: false })
      return
    }
    setState((previous) => ({
      key,
      data: hit ? (hit.data as TResult) : previous.key === key ? previous.data : undefined,
      loading: true,
    }))
    const controller = new AbortController()
    execute(document, variablesRef.current, controller.signal).then(
      (data) => {
        remember(key, data)
        setState({ key, data, loading: false })
      },
      (error: Error) => {
        if (error.name === 'AbortError') return
        const apiError = error instanceof ApiError ? error : new ApiError(error.message)
        setState({ key, error: apiError, loading: false })
      },
    )
    return () => controller.abort()
  }, [key, generation, options.skip, document, variablesRef])

  const refetch = useCallback(() => setGeneration((g) => g + 1), [])
  // While new variables load, the previous key's data is not shown as if it were theirs.
  const current = state.key === key
  return {
    data: current ? state.data : (cached?.data as TResult | undefined),
    error: current ? state.error : undefined,
    loading: current ? state.loading : true,
    refetch,
  }
}
