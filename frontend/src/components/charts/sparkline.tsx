/**
 * A small inline line chart (SVG, no chart library): a trend at a glance, for wallboards and tiles.
 * The values are read out by its label; the last point is marked. It scales with its container's width.
 */
export function Sparkline({
  values,
  label,
  width = 240,
  height = 48,
  color = 'var(--chart-1)',
}: {
  values: number[]
  /** What a screen reader hears, e.g. "Calls per minute, last 15 minutes: 3, 5, 4…". */
  label: string
  width?: number
  height?: number
  color?: string
}) {
  const pad = 3
  const max = Math.max(1, ...values)
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0
  const points = values.map((v, i) => [pad + i * step, height - pad - (v / max) * (height - 2 * pad)] as const)
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')
  const last = points.at(-1)
  const area = points.length > 1 ? `${pad},${height - pad} ${line} ${(pad + (points.length - 1) * step).toFixed(1)},${height - pad}` : ''
  return (
    <svg className="sparkline" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`}>
      {area && <polygon points={area} style={{ fill: color }} opacity={0.12} />}
      {points.length > 1 && <polyline points={line} fill="none" style={{ stroke: color }} strokeWidth={2} vectorEffect="non-scaling-stroke" />}
      {last && <circle cx={last[0]} cy={last[1]} r={3} style={{ fill: color }} />}
    </svg>
  )
}
