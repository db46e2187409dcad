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
import type { EChartsCoreOption } from 'echarts/core'

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

export type ChartOption = EChartsCoreOption

interface ChartProps {
  option: ChartOption
  /** What the chart shows, for screen readers (the numbers are also in a table next to it). */
  label: string
  height?: number
  onItemClick?: (params: { dataIndex: number; seriesIndex?: number; value: unknown; name: string }) => void
}

export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563', '#db2777']

export function Chart({ option, label, height = 300, onItemClick }: ChartProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onItemClick)
  clickRef.current = onItemClick

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const chart = echarts.init(container, undefined, { renderer: 'canvas' })
    chartRef.current = chart
    chart.on('click', (params) => clickRef.current?.(params as never))
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize())
    observer?.observe(container)
    return () => {
      observer?.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    // ECharts 6 puts legends at the bottom, where they collide with axis labels: keep them on top.
    const legend = option.legend ? { top: 0, ...(option.legend as object) } : undefined
    chartRef.current?.setOption(
      { color: PALETTE, aria: { enabled: true, label: { description: label } }, animationDuration: 300, textStyle: { fontFamily: 'inherit' }, ...option, ...(legend ? { legend } : {}) },
      { notMerge: true },
    )
  }, [option, label])

  return <div ref={containerRef} className="chart" role="img" aria-label={label} style={{ height }} />
}
