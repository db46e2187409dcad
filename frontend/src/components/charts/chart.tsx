import { lazy, Suspense } from 'react'
import type { EChartsCoreOption } from 'echarts/core'

export type ChartOption = EChartsCoreOption

export interface ChartProps {
  option: ChartOption
  /** What the chart shows, for screen readers (the numbers are also in a table next to it). */
  label: string
  height?: number
  onItemClick?: (params: { dataIndex: number; seriesIndex?: number; value: unknown; name: string }) => void
}

// ECharts is the largest chunk: it starts loading as soon as a page that draws charts loads (this
// module), in parallel with the page's queries, instead of before them or after their answers.
const loadEChart = () => import('./echart')
void loadEChart()
const EChart = lazy(loadEChart)

/** The one chart component of the app (ECharts, wrapped once). */
export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart" role="img" aria-label={props.label} aria-busy="true" style={{ height: props.height ?? 300 }} />}>
      <EChart {...props} />
    </Suspense>
  )
}
