import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'

afterEach(() => cleanup())

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
