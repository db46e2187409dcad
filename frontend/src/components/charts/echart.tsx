import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { useLatest } from '@/lib/use-latest'
import type { ChartProps } from './chart'
import { chartTheme, resolveColors, useColorScheme } from './palette'

// The one place ECharts is imported: only the charts and components used here end up in the bundle.
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
])


/** The ECharts implementation, loaded on demand by `Chart` so that a page's queries start before it. */
export default function EChart({ option, label, height = 300, onItemClick }: ChartProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<echarts.ECharts | null>(null)
  const clickRef = useLatest(onItemClick)
  // The colours follow the light or dark theme: a change of the system setting draws the chart again.
  const scheme = useColorScheme()

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const chart = echarts.init(container, chartTheme(), { renderer: 'canvas' })
    chartRef.current = chart
    chart.on('click', (params) => clickRef.current?.(params as never))
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize())
    observer?.observe(container)
    return () => {
      observer?.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [clickRef, scheme])

  useEffect(() => {
    // ECharts 6 puts legends at the bottom, where they collide with axis labels: keep them on top.
    const legend = option.legend ? { top: 0, ...(option.legend as object) } : undefined
    chartRef.current?.setOption(
      resolveColors({ aria: { enabled: true, label: { description: label } }, animationDuration: 300, textStyle: { fontFamily: 'inherit' }, ...option, ...(legend ? { legend } : {}) }),
      { notMerge: true },
    )
  }, [option, label, scheme])

  return <div ref={containerRef} className="chart" role="img" aria-label={label} style={{ height }} />
}
