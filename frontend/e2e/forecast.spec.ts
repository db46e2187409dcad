import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'

test('forecasts per scope, with their accuracy in words', async ({ page }) => {
  const app = new AppPage(page)
  await app.open('/forecasts')
  await expect(page.getByRole('heading', { name: 'Calls per day: next 30 days' })).toBeVisible()
  await expect(page.getByText(/on a typical day it was off by about/)).toBeVisible()
  await page.getByLabel('Scope').selectOption({ label: 'Brightpath Solar' })
  await page.getByLabel('Series').selectOption({ label: 'Leads converted per day' })
  await expect(page).toHaveURL(/scope=advertiser%3AADV-2|scope=advertiser:ADV-2/)
  await expect(page.getByRole('heading', { name: 'Leads converted per day: next 30 days' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Forecast per day' }).locator('tbody tr')).toHaveCount(30)
  await app.screenshot('forecast-advertiser-conversions')
})
