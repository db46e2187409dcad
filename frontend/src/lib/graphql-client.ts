import { useCallback, useState } from 'react'
import { QueryClient, useQuery as useTanStackQuery } from '@tanstack/react-query'
import type { TypedDocumentString } from '@/gql/graphql'
import { authFetch, clearSessionIfToken, getSession, onSessionChange, type AuthSession } from './auth'

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
  // the token this request leaves with (authFetch reads the same one): only its refusal may end the session
  const token = getSession()?.token
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
      // The token is no longer accepted (expired, revoked, user disabled): sign in again, unless it was renewed
      // while this request was on its way.
      clearSessionIfToken(token)
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

/** One QueryClient for the app (the hooks pass it explicitly, so no provider is needed around a page). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An answer younger than this is shown without asking again (going back to a page, a second
      // component asking the same thing); older ones are shown at once and refreshed.
      staleTime: 30_000,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: true,
      refetchOnReconnect: true,
      // Errors are shown with a Retry button; pages with live numbers retry through their interval.
      retry: false,
    },
  },
})

const operationNames = new Map<string, string>()

/** The operation's name (`query Overview(...)` gives "Overview"): the first part of every query key. */
export function operationName(document: TypedDocumentString<unknown, unknown>): string {
  const text = document.toString()
  let name = operationNames.get(text)
  if (name === undefined) {
    name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? text
    operationNames.set(text, name)
  }
  return name
}

/** Marks every cached answer stale and refreshes the ones on screen: after a change that may touch every report. */
export function clearQueryCache() {
  void queryClient.invalidateQueries()
}

/** Marks the named operations' answers stale (all their variables) and refreshes the ones on screen. */
export function invalidateQueries(...names: string[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => names.includes(query.queryKey[0] as string) })
}

/** Every report that counts calls, leads or service metrics: what an ingest or a criteria change may move. */
export const REPORT_QUERIES = [
  'Overview',
  'CampaignPerformance',
  'CampaignAgents',
  'Dispositions',
  'AttemptFunnel',
  'AgentPerformance',
  'AgentEfficiency',
  'Forecast',
  'StaffingPlan',
  'ServiceLevelFor',
  'Calls',
  'LeadQualityFunnel',
  'Scorecards',
  'ServiceQueues',
  'ServiceMetrics',
  'ServiceMetricConflicts',
  'StaffingBacktest',
  'VerifiedLeads',
  'CrmSnapshots',
  'DataQualityReport',
  'Dimensions',
  'IngestBatches',
] as const

/** After new data came in (an ingest) or the rules that count it changed: every report is refreshed, admin lists are kept. */
export function invalidateReports(): Promise<void> {
  return invalidateQueries(...REPORT_QUERIES)
}

// Another user must never see answers cached for the previous one; a renewed token of the same user
// (session-renewal.ts) keeps them.
function userOf(session: AuthSession | null): string | null {
  return session ? `${session.username}\u0000${session.role}\u0000${session.advertiserId ?? ''}` : null
}
let cachedFor = userOf(getSession())
onSessionChange(() => {
  const session = getSession()
  const user = userOf(session)
  if (user === cachedFor) return
  cachedFor = user
  void queryClient.cancelQueries()
  // Pages still on screen for the new user ask again; without a user nothing is asked.
  if (session) void queryClient.resetQueries()
  else queryClient.removeQueries()
})

export interface QueryState<T> {
  data: T | undefined
  error: ApiError | undefined
  /** No answer yet for these variables, or a refetch asked for (Retry, refetch()) is running. */
  loading: boolean
  refetch: () => void
}

/** How often pages with live numbers (Overview, Service levels, the shell's "Data as of") ask again. */
export const LIVE_REFRESH_MS = 60_000

export interface QueryOptions {
  skip?: boolean
  /** Asks again every so many milliseconds while the page is open (live numbers); paused in a hidden tab. */
  refetchInterval?: number
  /** How long an answer counts as fresh (default 30 s). */
  staleTime?: number
}

function toApiError(error: Error | null): ApiError | undefined {
  if (!error) return undefined
  return error instanceof ApiError ? error : new ApiError(error.message)
}

/**
 * Runs a query whenever its variables change (TanStack Query underneath: one request for every
 * component asking the same thing, a cached answer shown at once and refreshed when stale, refreshed
 * when the window gets focus again, and on an interval when asked); the request of variables no
 * longer wanted is cancelled.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: QueryOptions = {},
): QueryState<TResult> {
  const { skip = false, refetchInterval, staleTime } = options
  const query = useTanStackQuery(
    {
      queryKey: [operationName(document as TypedDocumentString<unknown, unknown>), variables] as const,
      queryFn: ({ signal }) => execute(document, variables, signal),
      enabled: !skip,
      refetchInterval: skip ? false : refetchInterval,
      ...(staleTime === undefined ? {} : { staleTime }),
    },
    queryClient,
  )
  // A refetch someone asked for shows as loading; refreshes in the background (interval, focus) do not.
  const [asked, setAsked] = useState(0)
  const { refetch: refetchQuery } = query
  const refetch = useCallback(() => {
    setAsked((n) => n + 1)
    void refetchQuery().finally(() => setAsked((n) => n - 1))
  }, [refetchQuery])
  if (skip) return { data: undefined, error: undefined, loading: false, refetch }
  return {
    data: query.data,
    error: toApiError(query.error),
    loading: query.isPending || (asked > 0 && query.isFetching),
    refetch,
  }
}
