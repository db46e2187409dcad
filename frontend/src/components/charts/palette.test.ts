import { afterEach, describe, expect, it } from 'vitest'
import { cssColor, resolveColors } from './palette'

describe('chart colours from the theme', () => {
  afterEach(() => document.documentElement.style.removeProperty('--chart-ink'))

  it('puts the current value of each var(--name) into a chart option, leaving the rest alone', () => {
    document.documentElement.style.setProperty('--chart-ink', '#e5e7eb')
    const formatter = () => 'x'
    const option = { series: [{ data: [1, 2], lineStyle: { color: 'var(--chart-ink)' }, label: { formatter } }], visualMap: { inRange: { color: ['var(--heat-low)', 'red'] } } }
    const resolved = resolveColors(option)
    expect(resolved.series[0].lineStyle.color).toBe('#e5e7eb')
    expect(resolved.series[0].label.formatter).toBe(formatter)
    expect(resolved.series[0].data).toEqual([1, 2])
    // Not set on the page: the light theme's value.
    expect(resolved.visualMap.inRange.color).toEqual(['#eff6ff', 'red'])
    expect(option.series[0].lineStyle.color).toBe('var(--chart-ink)')
    expect(cssColor('--chart-ink')).toBe('#e5e7eb')
  })
})
