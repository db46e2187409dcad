import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { LoginPage } from './pages/login-page'
import { DEMO_PASSWORD } from './support/auth'

// Signed out: no stored session.
test.use({ storageState: { cookies: [], origins: [] } })

test('sign-in: a page asks for it, a wrong password is refused, then the page comes back; sign out', async ({ page }) => {
  await page.goto('/calls?range=last7')
  await expect(page).toHaveURL(/\/login\?next=%2Fcalls%3Frange%3Dlast7$/)
  const login = new LoginPage(page)

  await login.signIn('analyst', 'not-the-password')
  await expect(login.error).toHaveText('Wrong user name or password. Check both and try again.')
  await expect(page).toHaveURL(/\/login/)

  await login.signIn('analyst', DEMO_PASSWORD)
  const app = new AppPage(page)
  await expect(app.heading('Calls')).toBeVisible()
  await expect(page).toHaveURL(/\/calls\?range=last7$/)
  const account = page.getByLabel('Signed in user')
  await expect(account).toContainText('analyst')
  await expect(account).toContainText('ANALYST')
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('callsight.auth') ?? 'null')?.role)).toBe('ANALYST')

  await account.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  expect(await page.evaluate(() => localStorage.getItem('callsight.auth'))).toBeNull()
  await page.goto('/overview')
  await expect(page).toHaveURL(/\/login\?next=%2Foverview$/)
})

test('an expired session sends the user back to the login page', async ({ page, baseURL }) => {
  await page.goto('/login')
  await page.evaluate(
    (origin) =>
      localStorage.setItem('callsight.auth', JSON.stringify({ token: 'x', expiresAt: new Date(Date.now() - 1000).toISOString(), username: 'admin', role: 'ADMIN', advertiserId: null, origin })),
    baseURL,
  )
  await page.goto('/campaigns')
  await expect(page).toHaveURL(/\/login\?next=%2Fcampaigns$/)
})

test('a token the server refuses (401) ends the session', async ({ page }) => {
  await page.goto('/login')
  await page.evaluate(() =>
    localStorage.setItem('callsight.auth', JSON.stringify({ token: 'forged', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), username: 'admin', role: 'ADMIN', advertiserId: null })),
  )
  await page.goto('/agents')
  await expect(page).toHaveURL(/\/login\?next=%2Fagents$/)
  expect(await page.evaluate(() => localStorage.getItem('callsight.auth'))).toBeNull()
})
