import { expect, test } from './support/fixtures'
import { graphql } from './support/api'
import { StaffingPage } from './pages/staffing-page'

interface Plan {
  staffingPlan: { days: { peakAgentsWithShrinkage: number }[] }
}

const PLAN = `query($from: Date, $to: Date, $targets: StaffingTargets) {
  staffingPlan(from: $from, to: $to, intervalMinutes: 30, mode: WORKLOAD, targets: $targets) { days { peakAgentsWithShrinkage } }
}`

test('changing a staffing target recomputes the plan', async ({ page, request }) => {
  const staffing = new StaffingPage(page)
  await staffing.open('/staffing')
  await expect(staffing.perDayTable.locator('tbody tr')).toHaveCount(7)
  const today = new Date().toISOString().slice(0, 10)
  const to = new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10)
  const peak = async (shrinkage: number) => {
    const plan = await graphql<Plan>(request, PLAN, { from: today, to, targets: { shrinkage, maxOccupancy: 0.85 } })
    return Math.max(...plan.staffingPlan.days.map((d) => d.peakAgentsWithShrinkage))
  }
  const before = await peak(0.3)
  await expect(staffing.summary).toContainText(`peak ${before} agents to schedule`)

  await staffing.target('Shrinkage (%)').fill('50')
  await expect(page).toHaveURL(/shr=0\.5/)
  const after = await peak(0.5)
  expect(after).toBeGreaterThan(before)
  await expect(staffing.summary).toContainText(`peak ${after} agents to schedule`)
  await expect(page.getByTestId('derivation')).toContainText('Shrinkage 50.0%')
  await staffing.screenshot('staffing-shrinkage-50')

  // The reverse question for the selected interval.
  await page.getByLabel('Agents on calls').fill('3')
  await expect(page.getByTestId('what-if-result')).toContainText('Service level')
  await expect(page.getByTestId('what-if-result')).toContainText('Too few agents')
})
