import type { StaffingPlanQuery } from '@/gql/graphql'

export type Plan = StaffingPlanQuery['staffingPlan']
export type Interval = NonNullable<NonNullable<Plan['intervals']>[number]>
