import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'
import { queryClient } from '@/lib/graphql-client'

// Most test files share one jsdom and module graph (vite.config.ts): what a test leaves behind (rendered nodes,
// cached answers, stored session, the URL) is cleared for the next test, in this file or the next.
afterEach(() => {
  cleanup()
  queryClient.clear()
  if (typeof window === 'undefined') return // a file in the node environment
  localStorage.clear()
  sessionStorage.clear()
  window.history.replaceState(null, '', '/')
})

// jsdom has HTMLDialogElement without showModal()/close(): the open state is what the app relies on
// (Chromium's focus containment and Escape are covered by the browser tests).
if (typeof HTMLDialogElement !== 'undefined' && typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
    this.dataset.modal = 'true'
  }
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open')
    delete this.dataset.modal
    this.dispatchEvent(new Event('close'))
  }
}
