import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { FeedPage } from './pages/feed-page'
import { contextSignedInAs } from './support/auth'

const ADMIN_LINKS = ['Advertisers', 'Users and keys', 'Audit']

test('an analyst sees masked phone numbers and no admin page', async ({ browser, playwright, baseURL }) => {
  const context = await contextSignedInAs(browser, playwright, baseURL!, 'analyst')
  const page = await context.newPage()
  const app = new AppPage(page)
  await app.open('/calls')
  await expect(app.heading('Calls')).toBeVisible()
  const numbers = page.getByRole('table', { name: 'Calls' }).locator('tbody tr td:nth-child(12)')
  await expect(numbers.first()).toBeVisible()
  for (const shown of await numbers.allTextContents()) expect(shown).toMatch(/^\+1\*{6}\d{4}$/)

  const nav = page.getByRole('navigation', { name: 'Pages' })
  for (const name of [...ADMIN_LINKS, 'Feed', 'Ingest']) await expect(nav.getByRole('link', { name, exact: true })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Campaigns', exact: true })).toBeVisible()

  await app.open('/admin/users')
  await expect(page.getByRole('alert')).toContainText('Your role (ANALYST) may not open this page')
  await context.close()
})

test('advertiser1 sees only its feed and returns a lead with a reason', async ({ browser, playwright, baseURL }) => {
  const context = await contextSignedInAs(browser, playwright, baseURL!, 'advertiser1')
  const page = await context.newPage()
  const feed = new FeedPage(page)
  await feed.open('/campaigns')
  await expect(page).toHaveURL(/\/feed$/)
  await expect(feed.heading('Lead feed')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link')).toHaveText(['Feed'])
  await expect(feed.table.locator('tbody tr').first()).toBeVisible()

  const row = feed.returnableRow()
  const seq = (await row.locator('td').first().textContent())!.trim()
  await row.getByRole('button', { name: /^Return lead/ }).click()
  await expect(feed.dialog).toBeVisible()
  await feed.dialog.getByRole('button', { name: 'Return lead' }).click()
  await expect(feed.dialog.getByRole('alert')).toContainText('Enter a reason')
  await feed.dialog.getByLabel('Reason').fill('Wrong number: the customer never asked for a quote')
  await feed.dialog.getByRole('button', { name: 'Return lead' }).click()
  await expect(feed.dialog).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'returned: Wrong number' })).toBeVisible()
  const returned = feed.table.locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${seq}$`) }) })
  await expect(returned).toContainText('Returned')
  await feed.screenshot('feed')
  await context.close()
})
