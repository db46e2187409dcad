import type { ForecastQuery } from '@/gql/graphql'
import { formatDecimal, formatPercent } from '@/lib/format'

type Accuracy = ForecastQuery['forecast']['accuracy']

const MODEL_NAMES: Record<string, string> = {
  SEASONAL_NAIVE: 'the same weekday of last week (seasonal naive)',
  HOLT_WINTERS_ADDITIVE: 'Holt-Winters smoothing with weekly seasonality (additive)',
  HOLT_WINTERS_MULTIPLICATIVE: 'Holt-Winters smoothing with weekly seasonality (multiplicative)',
  TREND_SEASONAL_REGRESSION: 'a trend plus day-of-week regression',
}

export function modelName(model: string | null | undefined): string {
  if (!model) return 'an unknown model'
  return MODEL_NAMES[model] ?? model.toLowerCase().replace(/_/g, ' ')
}

/** The backtest's numbers in words a manager can act on. */
export function AccuracySummary({ model, accuracy }: { model: string | null | undefined; accuracy: Accuracy }) {
  if (accuracy.backtestOrigins === 0 || accuracy.smape === null || accuracy.smape === undefined) {
    return <p>Forecast by {modelName(model)}. There is too little history to test it yet, so treat it as a rough guide.</p>
  }
  const relative = accuracy.relativeMaeVsSeasonalNaive
  const smapeRatio = accuracy.smape / 100
  return (
    <ul className="accuracy-list">
      <li>
        Forecast by <strong>{modelName(model)}</strong>, chosen because it forecast best on this series' own history.
      </li>
      <li>
        Tested by forecasting {accuracy.backtestOrigins} past periods it had not seen: on a typical day it was off by about{' '}
        <strong>{formatPercent(smapeRatio)}</strong>.
      </li>
      {relative !== null && relative !== undefined && (
        <li>
          {relative < 1
            ? `Its errors were ${formatPercent(1 - relative)} smaller than simply repeating last week's same weekday.`
            : relative > 1
              ? `Its errors were ${formatPercent(relative - 1)} larger than repeating last week's same weekday; the history is hard to forecast.`
              : 'Its errors were as large as repeating last week’s same weekday.'}
        </li>
      )}
      {accuracy.coverage80 !== null && accuracy.coverage80 !== undefined && (
        <li>
          The darker band is meant to hold the real value 8 days in 10; in the test it did {formatPercent(accuracy.coverage80)} of the time
          {accuracy.coverage95 !== null && accuracy.coverage95 !== undefined ? `, and the lighter 95% band ${formatPercent(accuracy.coverage95)}` : ''}.
        </li>
      )}
      {accuracy.mase !== null && accuracy.mase !== undefined && (
        <li className="muted">MASE {formatDecimal(accuracy.mase, 2)} (below 1 beats the seasonal naive forecast's in-sample error).</li>
      )}
    </ul>
  )
}
