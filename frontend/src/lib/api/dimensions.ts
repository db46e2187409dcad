import { graphql } from '@/gql/gql'
import { LIVE_REFRESH_MS, useQuery } from '../graphql-client'

export const DimensionsDocument = graphql(`
  query Dimensions {
    advertisers { advertiserId name }
    campaigns { campaignId name advertiserId }
    agents { agentId name team }
    dataAsOf
  }
`)

/** The filter bar's choices and the data's "as of" time (shown in the shell on every page, so kept current). */
export function useDimensions(options: { skip?: boolean } = {}) {
  return useQuery(DimensionsDocument, {}, { ...options, refetchInterval: LIVE_REFRESH_MS })
}
