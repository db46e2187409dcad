import { graphql } from '@/gql/gql'
import { useQuery } from '../graphql-client'

export const DimensionsDocument = graphql(`
  query Dimensions {
    advertisers { advertiserId name }
    campaigns { campaignId name advertiserId }
    agents { agentId name team }
    dataAsOf
  }
`)

/** The filter bar's choices and the data's "as of" time. */
export function useDimensions(options: { skip?: boolean } = {}) {
  return useQuery(DimensionsDocument, {}, options)
}
