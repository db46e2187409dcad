import { graphql } from '@/gql/gql'
import type { ForecastSeriesKind } from '@/gql/graphql'
import { useQuery } from '@/lib/graphql-client'

export const ForecastDocument = graphql(`
  query Forecast($series: ForecastSeriesKind!, $campaignId: String, $advertiserId: String, $horizonDays: Int) {
    forecast(series: $series, campaignId: $campaignId, advertiserId: $advertiserId, horizonDays: $horizonDays) {
      series scope scopeId model asOf generatedAt
      accuracy { backtestOrigins mase smape coverage80 coverage95 relativeMaeVsSeasonalNaive }
      actuals { date value }
      points { date value lo80 hi80 lo95 hi95 }
    }
  }
`)

export function useForecast(series: ForecastSeriesKind, scope: { campaignId?: string; advertiserId?: string }) {
  return useQuery(ForecastDocument, { series, horizonDays: 30, campaignId: scope.campaignId ?? null, advertiserId: scope.advertiserId ?? null })
}
