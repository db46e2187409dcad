import { expect, test } from './support/fixtures'
import { graphql, parseShownNumber } from './support/api'
import { AppPage } from './pages/app-page'

test('lead quality: the breakdown adds up to the total GraphQL gives, and a check drills to its rows', async ({ page, request }) => {
  const app = new AppPage(page)
  await app.open('/lead-quality')
  const total = await graphql<{ leadQualityFunnel: { deliveredLeads: number; sales: number }[] }>(request, '{ leadQualityFunnel { deliveredLeads sales } }')
  await expect(page.getByRole('region', { name: 'Delivered leads' }).locator('.kpi-value')).toHaveText(total.leadQualityFunnel[0].deliveredLeads.toLocaleString('en-US'))
  await page.getByLabel('Break down by').selectOption({ label: 'State' })
  await expect(page).toHaveURL(/by=STATE/)
  const table = page.getByRole('table', { name: 'Lead quality breakdown' })
  // Changing the breakdown drops the old rows while the new query loads: wait for the state rows, then
  // read them (the old campaign rows would add up to the same total and prove nothing).
  await expect(table.locator('thead th').first()).toContainText('State')
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
  await expect(table.locator('tbody tr').first()).toBeVisible()
  await expect
    .poll(async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(parseShownNumber).reduce((a, b) => a + b, 0))
    .toBe(total.leadQualityFunnel[0].deliveredLeads)
  await app.screenshot('lead-quality-by-state')

  await app.open('/data-quality')
  const checks = page.getByRole('list', { name: 'Checks' })
  await expect(checks.locator('li.check').first()).toBeVisible()
  // The demo reports list a few people twice under two lead numbers: the newest snapshot's duplicate_leads error
  // opens on the offending rows.
  const duplicates = checks.locator('li.check-error').filter({ hasText: 'duplicate_leads' })
  await duplicates.locator('summary').click()
  await expect(duplicates.locator('.examples li').first()).toContainText('under lead numbers')
  await app.screenshot('data-quality-checks')
})
