import { type Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { mkdirSync, writeFileSync } from 'node:fs'
import { AppPage } from './pages/app-page'
import { ADMIN_STATE } from './support/auth'
import { expectAccessible } from './support/axe'

/** Each page, what shows that its data is there. */
const PAGES: { path: string; title: string; content: (page: Page) => Promise<void>; shown?: string }[] = [
  {
    path: '/overview',
    title: 'Overview',
    content: async (page) => {
      await expect(page.getByRole('region', { name: 'Calls' }).locator('.kpi-value')).toHaveText(/^\d[\d,]*$/)
      await expect(page.getByRole('img', { name: /Connect rate/ })).toBeVisible()
    },
    shown: 'section[aria-labelledby="heatmap-title"] canvas',
  },
  { path: '/campaigns', title: 'Campaigns', content: async (page) => expect(page.getByRole('table', { name: 'Campaign performance' }).locator('tbody tr')).toHaveCount(8) },
  { path: '/dispositions', title: 'Dispositions', content: async (page) => expect(page.getByRole('table', { name: 'Attempt funnel' }).locator('tbody tr').first()).toBeVisible() },
  {
    path: '/agents',
    title: 'Agents',
    content: async (page) => {
      // 25 demo agents, and any agent an earlier test ingested.
      await expect(page.getByRole('table', { name: 'Agent performance' }).locator('tbody tr').nth(24)).toBeVisible()
    },
  },
  { path: '/forecasts', title: 'Forecasts', content: async (page) => expect(page.getByRole('table', { name: 'Forecast per day' }).locator('tbody tr')).toHaveCount(30) },
  { path: '/staffing', title: 'Staffing', content: async (page) => expect(page.getByRole('table', { name: 'Staffing per day' }).locator('tbody tr')).toHaveCount(7) },
  { path: '/calls', title: 'Calls', content: async (page) => expect(page.getByRole('table', { name: 'Calls' }).locator('tbody tr')).toHaveCount(50) },
  { path: '/lead-quality', title: 'Lead quality', content: async (page) => expect(page.getByRole('table', { name: 'Lead quality breakdown' }).locator('tbody tr').first()).toBeVisible() },
  {
    path: '/data-quality',
    title: 'Data quality',
    content: async (page) => {
      await expect(page.getByRole('table', { name: 'CRM snapshots' }).locator('tbody tr')).toHaveCount(14)
      await expect(page.getByRole('list', { name: 'Checks' }).locator('li.check').first()).toBeVisible()
    },
  },
  { path: '/ingest', title: 'Ingest', content: async (page) => expect(page.getByRole('table', { name: 'Ingest batches' }).locator('tbody tr').first()).toBeVisible() },
  { path: '/admin/users', title: 'Users and keys', content: async (page) => expect(page.getByRole('table', { name: 'Users' }).locator('tbody tr').nth(2)).toBeVisible() },
  {
    path: '/admin/audit',
    title: 'Audit',
    // Empty until an admin changes something (the specs run in file order).
    content: async (page) => expect(page.getByRole('table', { name: 'Audit log' }).or(page.getByText('The audit log is empty.'))).toBeVisible(),
    shown: 'main table tbody tr, main .state-empty',
  },
]

/**
 * Timed warm visits per page after the first: none in `make test` (the first visit checks the page); the web
 * bench (bench/web-bench.sh) sets E2E_WARM_VISITS=3 for its timings.
 */
const WARM_VISITS = Math.max(0, Number(process.env.E2E_WARM_VISITS ?? 0))

test.describe('every page', () => {
  const timings: Record<string, { firstMs: number; warmMs: number[] }> = {}

  test.afterAll(() => {
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/page-timings.json', JSON.stringify(timings, null, 2))
    for (const [path, t] of Object.entries(timings)) {
      const sorted = [...t.warmMs].sort((a, b) => a - b)
      console.log(`page ${path}: first visit ${t.firstMs} ms` + (sorted.length === 0 ? ''
        : `, warm median ${sorted[Math.floor(sorted.length / 2)]} ms, warm max ${sorted[sorted.length - 1]} ms`))
    }
  })

  /**
   * Navigation to content visible, timed without Playwright's expect back-off (it polls after 100, 250,
   * 500 ms...): the page's content element present, no loading indicator, nothing busy; checked every frame.
   */
  async function contentShown(page: Page, selector: string) {
    await page.waitForFunction(
      (sel) => {
        const main = document.querySelector('main')
        if (!main || main.querySelector('[aria-busy="true"]')) return false
        if ([...main.querySelectorAll('[role="status"]')].some((e) => (e.textContent ?? '').includes('Loading'))) return false
        return main.querySelector(sel) !== null
      },
      selector,
      { polling: 'raf', timeout: 15_000 },
    )
  }

  for (const { path, title, content, shown = 'main table tbody tr, main .check-list li' } of PAGES) {
    test(`${title} opens with its data, no errors, and a screenshot`, async ({ browser }) => {
      const measure = async (): Promise<{ ms: number; errors: string[] }> => {
        // A new context each time: nothing cached in the browser, as for a person opening a shared link.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: ADMIN_STATE })
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (e) => errors.push(String(e)))
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
        const start = Date.now()
        await page.goto(path)
        await contentShown(page, shown)
        const ms = Date.now() - start
        // Then what the content must be (not timed).
        const app = new AppPage(page)
        await expect(app.heading(title)).toBeVisible()
        await content(page)
        await app.waitForContent()
        if (timings[path] === undefined) {
          await app.screenshot(path.slice(1))
          await expectAccessible(page, path)
        }
        await context.close()
        return { ms, errors }
      }
      const first = await measure()
      expect(first.errors).toEqual([])
      const warm: number[] = []
      for (let i = 0; i < WARM_VISITS; i++) warm.push((await measure()).ms)
      timings[path] = { firstMs: first.ms, warmMs: warm }
      test.info().annotations.push({ type: 'timing', description: `first ${first.ms} ms, warm ${warm.join('/')} ms` })
    })
  }

  test('the pages not walked above pass axe too, and so does the login page; the wallboard and login also in the dark theme', async ({ browser }) => {
    // Seven pages on a shared 2-core machine. The dark theme's colours are the same variables on every page: the
    // walked pages above check its contrast, here only the pages with colours of their own (wallboard, login).
    test.setTimeout(120_000)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: ADMIN_STATE })
    const page = await context.newPage()
    const app = new AppPage(page)
    const pages: { path: string; heading: string | RegExp; ready: string }[] = [
      { path: '/live', heading: 'Live floor', ready: '.live-total' },
      { path: '/campaigns/CMP-05', heading: /Agents/, ready: 'main table tbody tr' },
      { path: '/service-levels', heading: 'Service levels', ready: 'main h1' },
      { path: '/scorecards', heading: 'Agent scorecards', ready: 'main table tbody tr' },
      { path: '/feed', heading: 'Lead feed', ready: 'main h1' },
      { path: '/admin/advertisers', heading: 'Advertisers', ready: 'main table tbody tr' },
    ]
    for (const { path, heading, ready } of pages) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
      await page.locator(ready).first().waitFor()
      await app.waitForContent()
      await expectAccessible(page, path, { dark: path === '/live' })
    }
    await context.close()
    // Signed out: the login page.
    const signedOut = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: { cookies: [], origins: [] } })
    const login = await signedOut.newPage()
    await login.goto('/login')
    await expect(login.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await expectAccessible(login, '/login')
    await signedOut.close()
  })

  test('a deep link keeps its filters and page state after a reload', async ({ page }) => {
    await page.goto('/agents?range=last7&tz=America/New_York&agent=AG-02')
    const app = new AppPage(page)
    await expect(app.heading('Agents')).toBeVisible()
    await expect(app.filters.getByRole('combobox', { name: 'Period' })).toHaveValue('last7')
    await expect(app.filters.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/New_York')
    await expect(page.getByRole('heading', { name: /Efficiency forecast/ })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { name: /Efficiency forecast/ })).toBeVisible()
    await expect(app.filters.getByRole('combobox', { name: 'Period' })).toHaveValue('last7')
  })

  test('pages are reachable from the keyboard', async ({ page }) => {
    await page.goto('/overview')
    await expect(new AppPage(page).heading('Overview')).toBeVisible()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Overview', exact: true })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Live floor', exact: true })).toBeFocused()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect(new AppPage(page).heading('Campaigns')).toBeVisible()
  })
})
