import { expect, test } from './support/fixtures'
import { AdminPage } from './pages/admin-page'

test('an admin creates an API key, sees it once, and the audit log lists it', async ({ page }) => {
  const admin = new AdminPage(page)
  const name = `e2e key ${Date.now()}`
  await admin.open('/admin/users')
  await expect(admin.heading('Users and keys')).toBeVisible()
  await admin.createKey(name, 'ANALYST')

  const notice = page.getByRole('region', { name: `New API key "${name}"` })
  const key = (await notice.getByTestId('one-time-secret').textContent())!.trim()
  expect(key.length).toBeGreaterThan(20)
  const row = admin.keysTable.locator('tbody tr').filter({ hasText: name })
  await expect(row).toContainText('ANALYST')
  const prefix = (await row.locator('td').first().textContent())!.replace('…', '').trim()
  expect(key.startsWith(prefix)).toBe(true)
  await admin.screenshot('users-and-keys')

  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByText(key)).toHaveCount(0)
  await page.reload()
  await expect(admin.keysTable.locator('tbody tr').filter({ hasText: name })).toBeVisible()
  await expect(page.getByText(key)).toHaveCount(0)

  await admin.goTo('Audit')
  await expect(admin.heading('Audit')).toBeVisible()
  await admin.filterAudit('createApiKey')
  await expect(page).toHaveURL(/action=createApiKey/)
  const entry = admin.auditTable.locator('tbody tr').filter({ hasText: name }).first()
  await expect(entry).toContainText('admin')
  await expect(entry).toContainText('createApiKey')
  await expect(entry).not.toContainText(key)
  await admin.screenshot('audit')
})

test('an admin opens an advertiser: its criteria, settings, webhook, feed and keys', async ({ page }) => {
  const admin = new AdminPage(page)
  await admin.open('/admin/advertisers')
  await expect(admin.heading('Advertisers')).toBeVisible()
  const advertisers = page.getByRole('table', { name: 'Advertisers' })
  await expect(advertisers.locator('tbody tr').first()).toBeVisible()
  // The first advertiser is chosen at once.
  await expect(page).toHaveURL(/advertiser=/)
  await expect(page.getByRole('form', { name: 'Qualification criteria' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Create an API key for this advertiser' })).toBeVisible()
  await admin.waitForContent()
  await admin.screenshot('admin-advertisers')
})
