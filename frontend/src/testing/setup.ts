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

// jsdom has <canvas> without a 2D context: ECharts (canvas renderer) then fails on the pages that draw charts. A
// context that draws nothing lets the charts run, so a test can read what a chart holds from its ECharts instance
// (echarts.getInstanceByDom(container).getOption()); how it looks is the browser tests' part.
if (typeof HTMLCanvasElement !== 'undefined') {
  const gradient = { addColorStop() {} }
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>()
  const stubContext = (canvas: HTMLCanvasElement) => {
    const values: Record<PropertyKey, unknown> = { canvas }
    const special: Record<PropertyKey, unknown> = {
      measureText: (text: string) => ({ width: String(text).length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
      createLinearGradient: () => gradient,
      createRadialGradient: () => gradient,
      createPattern: () => ({ setTransform() {} }),
      getImageData: (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(Math.max(1, w * h) * 4), width: w, height: h }),
      getLineDash: () => [],
      isPointInPath: () => false,
      isPointInStroke: () => false,
    }
    return new Proxy(values, {
      get: (target, prop) => (prop in target ? target[prop] : prop in special ? special[prop] : () => undefined),
      set: (target, prop, value) => {
        target[prop] = value
        return true
      },
    }) as unknown as CanvasRenderingContext2D
  }
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement, kind: string) {
    if (kind !== '2d') return null
    let context = contexts.get(this)
    if (!context) contexts.set(this, (context = stubContext(this)))
    return context
  } as HTMLCanvasElement['getContext']
}
// ...and a size for chart containers (jsdom lays nothing out), so ECharts does not warn that it has none.
if (typeof HTMLElement !== 'undefined') {
  for (const [name, size] of [['clientWidth', 640], ['clientHeight', 300]] as const) {
    const native = Object.getOwnPropertyDescriptor(Element.prototype, name)
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('chart') ? size : (native?.get?.call(this) ?? 0)
      },
    })
  }
}
