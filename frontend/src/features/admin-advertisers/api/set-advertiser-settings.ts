import { graphql } from '@/gql/gql'
import { execute } from '@/lib/graphql-client'

export const SetAdvertiserSettingsDocument = graphql(`
  mutation SetAdvertiserSettings($advertiserId: String!, $timeZone: String, $returnWindowDays: Int) {
    setAdvertiserSettings(advertiserId: $advertiserId, timeZone: $timeZone, returnWindowDays: $returnWindowDays) { advertiserId timeZone returnWindowDays }
  }
`)

export async function setAdvertiserSettings(advertiserId: string, timeZone: string, returnWindowDays: number) {
  return (await execute(SetAdvertiserSettingsDocument, { advertiserId, timeZone, returnWindowDays })).setAdvertiserSettings
}
