import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { LoginPage } from './pages/login-page'
import { AUTH_KEY, type Session } from './support/auth'
import { SecondServer } from './support/second-server'

test('a page chunk gone after a redeploy reloads the page once; gone for good, the error boundary offers Reload', async ({ page }) => {
  const app = new AppPage(page)
  await page.goto('/overview')
  await expect(app.heading('Overview')).toBeVisible()
  let loads = 0
  page.on('load', () => loads++)

  // The old Calls chunk is gone once; after the automatic reload the new build answers.
  let callsMissing = 0
  await page.route(/\/assets\/calls-page-[\w-]+\.js$/, (route) => (callsMissing++ === 0 ? route.fulfill({ status: 404, body: 'Not found' }) : route.continue()))
  await app.goTo('Calls')
  await expect(app.heading('Calls')).toBeVisible()
  expect(loads).toBe(1)
  expect(await page.evaluate(() => sessionStorage.getItem('callsight.chunk-reload'))).toMatch(/^\d+$/)

  // Right after such a reload another missing chunk is not reloaded again (no loop): the boundary shows, the menu stays.
  let agentsMissing = true
  await page.route(/\/assets\/agents-page-[\w-]+\.js$/, (route) => (agentsMissing ? route.fulfill({ status: 404, body: 'Not found' }) : route.continue()))
  await app.goTo('Agents')
  const alert = app.main.getByRole('alert')
  await expect(alert).toContainText('This page could not be loaded.')
  expect(loads).toBe(1)
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview', exact: true })).toBeVisible()
  agentsMissing = false
  await alert.getByRole('button', { name: 'Reload' }).click()
  await expect(app.heading('Agents')).toBeVisible()
  expect(loads).toBe(2)
})

async function storedSession(page: Page): Promise<Session> {
  return JSON.parse((await page.evaluate((key) => localStorage.getItem(key), AUTH_KEY)) ?? 'null') as Session
}

test('an open page stays signed in past its first token expiry, renewed without keeping the password', async ({ browser }) => {
  test.setTimeout(120_000)
  // 15-second tokens: renewed after two thirds of their life.
  const server = await SecondServer.create({ CALLSIGHT_TOKEN_MINUTES: '0.25' })
  try {
    await server.start()
    const context = await browser.newContext({ baseURL: server.baseURL, storageState: { cookies: [], origins: [] } })
    try {
      const page = await context.newPage()
      await page.goto('/admin/users')
      await new LoginPage(page).signIn('admin', server.adminPassword)
      const app = new AppPage(page)
      await expect(app.heading('Users and keys')).toBeVisible()
      const first = await storedSession(page)
      const firstExpiry = Date.parse(first.expiresAt)
      expect(firstExpiry - Date.now()).toBeLessThanOrEqual(15_000)

      // Past the first token's expiry, when the app would have signed out without renewal.
      await page.waitForTimeout(Math.max(0, firstExpiry - Date.now()) + 3_000)
      await expect(app.heading('Users and keys')).toBeVisible()
      expect(new URL(page.url()).pathname).toBe('/admin/users')
      const renewed = await storedSession(page)
      expect(renewed.token).not.toBe(first.token)
      expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now())
      // The renewed token is what the page now asks with.
      await page.reload()
      await expect(page.getByRole('table', { name: 'Users' })).toBeVisible()

      // Nothing the browser keeps holds the password.
      const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)
      expect(kept).not.toContain(server.adminPassword)
      expect(JSON.stringify(await context.cookies())).not.toContain(server.adminPassword)
    } finally {
      await context.close()
    }
  } finally {
    await server.dispose()
  }
})
