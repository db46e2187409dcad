import { expect, test } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { FeedPage } from './pages/feed-page'
import { contextSignedInAs, loginApi } from './support/auth'

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

interface FeedAnswer {
  verifiedLeads: { edges: { cursor: string; node: { seq: number; returnedAt: string | null; returnableUntil: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
}

/** The first lead of advertiser1's feed that can still be returned, and the cursor of the page that starts with it. */
async function returnableLead(playwright: Parameters<typeof contextSignedInAs>[1], baseURL: string): Promise<{ seq: number; after: string | null }> {
  const api = await playwright.request.newContext({ baseURL })
  const { token } = await loginApi(api, 'advertiser1')
  const query = 'query($after: String) { verifiedLeads(first: 500, after: $after, newestFirst: true) { edges { cursor node { seq returnedAt returnableUntil } } pageInfo { hasNextPage endCursor } } }'
  let after: string | null = null
  let previous: string | null = null
  try {
    for (;;) {
      const response = await api.post('/graphql', { headers: { authorization: `Bearer ${token}` }, data: { query, variables: { after } } })
      const body = (await response.json()) as { data: FeedAnswer; errors?: unknown }
      if (body.errors) throw new Error(JSON.stringify(body.errors))
      for (const edge of body.data.verifiedLeads.edges) {
        if (!edge.node.returnedAt && Date.parse(edge.node.returnableUntil) > Date.now() + 60_000) return { seq: edge.node.seq, after: previous }
        previous = edge.cursor
      }
      if (!body.data.verifiedLeads.pageInfo.hasNextPage) throw new Error('advertiser1 has no returnable lead in the demo data')
      after = body.data.verifiedLeads.pageInfo.endCursor
    }
  } finally {
    await api.dispose()
  }
}

test('advertiser1 sees only its feed and returns a lead with a reason', async ({ browser, playwright, baseURL }) => {
  const context = await contextSignedInAs(browser, playwright, baseURL!, 'advertiser1')
  const page = await context.newPage()
  const feed = new FeedPage(page)
  await feed.open('/campaigns')
  await expect(page).toHaveURL(/\/feed$/)
  await expect(feed.heading('Lead feed')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link')).toHaveText(['Feed'])
  await expect(feed.table.locator('tbody tr').first()).toBeVisible()

  // The Feed page lists the newest leads first: those are the ones still in their return window.
  const lead = await returnableLead(playwright, baseURL!)
  await feed.open(lead.after ? `/feed?after=${encodeURIComponent(lead.after)}` : '/feed')
  const row = feed.table.locator('tbody tr').first()
  const seq = (await row.locator('td').first().textContent())!.trim()
  expect(seq).toBe(String(lead.seq))
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
