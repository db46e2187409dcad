import { useEffect, useState } from 'react'
import type { TypedDocumentString } from '@/gql/graphql'
import { subscribe, useLiveConnection, type LiveConnectionState, type SubscriptionError } from './live-connection'
import { useLatest } from './use-latest'

export interface SubscriptionState<T> {
  /** The newest value pushed for these variables. */
  data: T | undefined
  /** The server refused the subscription (it is tried again later); cleared by the next value. */
  error: SubscriptionError | undefined
  connection: LiveConnectionState
}

/**
 * Subscribes while mounted and while the variables stay the same; `onData` sees every value (for
 * lists that grow by events), `data` the newest one.
 */
export function useSubscription<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean; onData?: (data: TResult) => void } = {},
): SubscriptionState<TResult> {
  const key = document.toString() + '\u0000' + JSON.stringify(variables)
  const [state, setState] = useState<{ key: string; data?: TResult; error?: SubscriptionError }>({ key })
  const variablesRef = useLatest(variables)
  const onDataRef = useLatest(options.onData)
  const connection = useLiveConnection()

  useEffect(() => {
    if (options.skip) return
    return subscribe(document, variablesRef.current, {
      next: (data) => {
        setState({ key, data })
        onDataRef.current?.(data)
      },
      error: (error) => setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error })),
    })
  }, [key, options.skip, document, variablesRef, onDataRef])

  const current = state.key === key && !options.skip
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, connection }
}
