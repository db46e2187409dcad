import type { ReactNode } from 'react'
import type { ApiError } from '@/lib/graphql-client'

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  )
}

export function ErrorState({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load this.</strong> {error.message}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}

/** Loading, error and empty states around content, in one place for every panel. */
export function QueryStatus<T>({
  data,
  error,
  loading,
  refetch,
  isEmpty,
  empty,
  children,
}: {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  refetch?: () => void
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  children: (data: T) => ReactNode
}) {
  if (error) return <ErrorState error={error} onRetry={refetch} />
  if (data === undefined) return loading ? <LoadingState /> : null
  if (isEmpty && isEmpty(data)) return <EmptyState>{empty ?? 'No calls match these filters.'}</EmptyState>
  return (
    <div className={loading ? 'refreshing' : undefined} aria-busy={loading}>
      {children(data)}
    </div>
  )
}
