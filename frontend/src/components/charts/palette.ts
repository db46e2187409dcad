import { useSyncExternalStore } from 'react'

/**
 * Chart colours come from the CSS custom properties of styles.css (light and dark theme). Options
 * name them as `var(--chart-1)`; the canvas cannot read CSS, so `resolveColors` puts in the values.
 */
export const SERIES_VARS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6', '--chart-7', '--chart-8'] as const

/** The light theme's values: used where no style sheet is loaded (component tests). */
const FALLBACK: Record<string, string> = {
  '--chart-1': '#2563eb', '--chart-2': '#16a34a', '--chart-3': '#d97706', '--chart-4': '#9333ea',
  '--chart-5': '#dc2626', '--chart-6': '#0891b2', '--chart-7': '#4b5563', '--chart-8': '#db2777',
  '--chart-ink': '#111827', '--chart-text': '#4b5563', '--chart-grid': '#e5e7eb', '--panel': '#ffffff', '--border': '#d1d5db', '--text': '#111827',
  '--heat-low': '#eff6ff', '--heat-high': '#1d4ed8', '--heat-good-low': '#f0fdf4', '--heat-good-high': '#15803d',
}

/** The current value of a colour property (`--chart-ink`). */
export function cssColor(name: string): string {
  const value = typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || FALLBACK[name] || '#888888'
}

/** The series colours, in order. */
export function palette(): string[] {
  return SERIES_VARS.map(cssColor)
}

const VAR = /^var\((--[\w-]+)\)$/

/** A copy of a chart option with every `var(--name)` string replaced by the colour's current value. */
export function resolveColors<T>(value: T): T {
  if (typeof value === 'string') {
    const match = VAR.exec(value)
    return (match ? cssColor(match[1]) : value) as T
  }
  if (Array.isArray(value)) return value.map(resolveColors) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveColors(v)])) as T
  }
  return value
}

const DARK = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {}
  const query = window.matchMedia(DARK)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** 'dark' or 'light', as the system setting says; charts draw again when it changes. */
export function useColorScheme(): 'dark' | 'light' {
  return useSyncExternalStore(
    subscribe,
    () => (typeof window !== 'undefined' && window.matchMedia?.(DARK).matches ? 'dark' : 'light'),
    () => 'light',
  )
}

/** The ECharts theme of the current colours: text, axes and grid lines readable on the panel. */
export function chartTheme(): object {
  const text = cssColor('--chart-text')
  const grid = cssColor('--chart-grid')
  const axis = { axisLine: { lineStyle: { color: grid } }, axisTick: { lineStyle: { color: grid } }, axisLabel: { color: text }, splitLine: { lineStyle: { color: [grid] } }, nameTextStyle: { color: text } }
  return {
    color: palette(),
    backgroundColor: 'transparent',
    textStyle: { color: text },
    legend: { textStyle: { color: text } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    tooltip: { backgroundColor: cssColor('--panel'), borderColor: cssColor('--border'), textStyle: { color: cssColor('--text') } },
    visualMap: { textStyle: { color: text } },
  }
}
