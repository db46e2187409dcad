import type { ApiKeysQuery, UsersQuery } from '@/gql/graphql'

export type User = UsersQuery['users'][number]
export type ApiKey = ApiKeysQuery['apiKeys'][number]
