import { useCallback, useState } from 'react'

/** Cursor paging kept in the component: the cursors of the pages seen, to go back one by one. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const after = cursors[cursors.length - 1]
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((c) => [...c, endCursor])
  }, [])
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), [])
  const first = useCallback(() => setCursors([null]), [])
  return { after, page: cursors.length, next, previous, first }
}

export function Pager({
  label,
  pages,
  hasNextPage,
  endCursor,
}: {
  label: string
  pages: ReturnType<typeof useCursorPages>
  hasNextPage: boolean
  endCursor: string | null | undefined
}) {
  return (
    <nav className="pager" aria-label={label}>
      <span className="muted">Page {pages.page}</span>
      <button type="button" className="button" disabled={pages.page === 1} onClick={pages.first}>
        First page
      </button>
      <button type="button" className="button" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </button>
      <button type="button" className="button" disabled={!hasNextPage} onClick={() => pages.next(endCursor)}>
        Next page
      </button>
    </nav>
  )
}
