import { useCallback, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'

/** Where a pager stands and how it moves; `page` is shown when it is known. */
export interface CursorPages {
  page?: number
  canGoBack: boolean
  first: () => void
  previous: () => void
  next: (endCursor: string | null | undefined) => void
}

/** Cursor paging kept in the component: the cursors of the pages seen, to go back one by one. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const after = cursors[cursors.length - 1]
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((c) => [...c, endCursor])
  }, [])
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), [])
  const first = useCallback(() => setCursors([null]), [])
  return { after, page: cursors.length, canGoBack: cursors.length > 1, next, previous, first } satisfies CursorPages & { after: string | null }
}

/**
 * Cursor paging in the URL (`after`), so that a page can be linked to; the previous page is the
 * browser's previous entry.
 */
export function useUrlCursorPages() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const after = params.get('after')

  function goTo(cursor: string | null) {
    const next = new URLSearchParams(params)
    if (cursor) next.set('after', cursor)
    else next.delete('after')
    navigate({ search: next.toString() })
  }

  return {
    after,
    canGoBack: !!after,
    first: () => goTo(null),
    previous: () => navigate(-1),
    next: (endCursor: string | null | undefined) => goTo(endCursor ?? null),
  } satisfies CursorPages & { after: string | null }
}

export function Pager({
  label,
  pages,
  hasNextPage,
  endCursor,
}: {
  label: string
  pages: CursorPages
  hasNextPage: boolean
  endCursor: string | null | undefined
}) {
  return (
    <nav className="pager" aria-label={label}>
      {pages.page !== undefined && <span className="muted">Page {pages.page}</span>}
      <button type="button" className="button" disabled={!pages.canGoBack} onClick={pages.first}>
        First page
      </button>
      <button type="button" className="button" disabled={!pages.canGoBack} onClick={pages.previous}>
        Previous page
      </button>
      <button type="button" className="button" disabled={!hasNextPage} onClick={() => pages.next(endCursor)}>
        Next page
      </button>
    </nav>
  )
}
