import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { expectAccessible } from './support/axe'

// The contact model is refitted right after the first forecast refresh (global setup waits for that refresh only).
async function openWithModel(app: AppPage, path: string) {
  await expect(async () => {
    await app.open(path)
    await expect(app.page.getByRole('table', { name: 'Best hours' })).toBeVisible({ timeout: 5_000 })
  }).toPass({ timeout: 90_000 })
}

test('best time to call: California evenings, Texas middays, and where to stop', async ({ page }) => {
  test.setTimeout(150_000)
  const app = new AppPage(page)
  await openWithModel(app, '/best-time?state=CA')
  await expect(app.heading('Best time to call')).toBeVisible()
  const firstHour = async () => (await page.getByRole('table', { name: 'Best hours' }).locator('tbody tr').first().locator('td').nth(1).textContent()) ?? ''
  // the demo floor plants an evening peak for California leads and a midday one for Texas (their local time)
  expect(Number((await firstHour()).slice(0, 2))).toBeGreaterThanOrEqual(16)
  await page.getByLabel("Lead's state").selectOption('TX')
  await expect(page).toHaveURL(/state=TX/)
  await expect.poll(async () => Number((await firstHour()).slice(0, 2))).toBeLessThanOrEqual(14)
  await expect(page.getByRole('img', { name: /Expected connect rate .* by the lead's local hour and weekday/ })).toBeVisible()
  // the model's out-of-sample check: the demo's planted hours make it beat calling order
  const validation = page.getByRole('table', { name: 'Out-of-sample validation' })
  await expect(validation.locator('tbody tr').first()).toContainText('Connect per dial')
  const lift = Number(((await validation.locator('tbody tr').first().locator('td').nth(6).textContent()) ?? '').replace('×', ''))
  expect(lift).toBeGreaterThan(1)
  await expect(page.getByRole('table', { name: 'Calibration by decile' }).locator('tbody tr')).toHaveCount(10)
  // the attempt curve with a stop the threshold moves
  await page.getByLabel('Least expected conversions per dial, %').fill('4')
  await expect(page.getByRole('status', { name: 'Recommended stop' })).toContainText(/Stop after attempt \d: on the history that would have saved/)
  await expect(page.getByRole('table', { name: 'Attempts' }).locator('tbody tr').first()).toContainText('Yes')
  await app.screenshot('best-time-texas')
  await expectAccessible(page, 'best time to call')
})

test('the call list shows each lead’s next attempt', async ({ page }) => {
  const app = new AppPage(page)
  await app.open('/calls')
  const table = page.getByRole('table', { name: 'Calls' })
  await expect(table.locator('tbody tr').first()).toBeVisible()
  await expect(table.getByRole('columnheader', { name: /Next attempt/ })).toBeVisible()
  await table.locator('tbody tr').first().getByRole('button').first().click()
  await expect(page.getByLabel('Next attempt')).toContainText(/Next attempt: (Stop: |\d)/)
})
