import { expect, test } from './support/fixtures'
import { graphql, last30DaysUtc, parseShownNumber } from './support/api'
import { OverviewPage } from './pages/overview-page'

interface Totals {
  callMetrics: { edges: { node: { totalCalls: number; leadsConverted: number; connectRate: number } }[] }
}

const TOTALS = `query($filter: CallFilter) { callMetrics(filter: $filter) { edges { node { totalCalls leadsConverted connectRate } } } }`

test('changing a filter changes the numbers to what GraphQL answers for that filter', async ({ page, request }) => {
  const overview = new OverviewPage(page)
  await overview.open('/overview')
  const window = last30DaysUtc()

  const all = await graphql<Totals>(request, TOTALS, { filter: window })
  await expect(overview.kpi('Calls')).toHaveText(all.callMetrics.edges[0].node.totalCalls.toLocaleString('en-US'))

  await overview.chooseCampaign('Solar Savings Check')
  await expect(page).toHaveURL(/campaigns=CMP-04/)
  const solar = await graphql<Totals>(request, TOTALS, { filter: { ...window, campaignIds: ['CMP-04'] } })
  const expected = solar.callMetrics.edges[0].node
  expect(expected.totalCalls).toBeLessThan(all.callMetrics.edges[0].node.totalCalls)
  await expect(overview.kpi('Calls')).toHaveText(expected.totalCalls.toLocaleString('en-US'))
  await expect(overview.kpi('Leads converted')).toHaveText(expected.leadsConverted.toLocaleString('en-US'))
  await expect(overview.kpi('Connect rate')).toHaveText(`${(expected.connectRate * 100).toFixed(1)}%`)

  // The same view from its link, in a new page: the filter is in the URL.
  const shared = await page.context().newPage()
  await shared.goto(page.url())
  await expect(new OverviewPage(shared).kpi('Calls')).toHaveText(expected.totalCalls.toLocaleString('en-US'))

  await overview.choosePeriod('Last 7 days')
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())
  const week = {
    from: new Date(today - 6 * 86_400_000).toISOString().replace('.000Z', 'Z'),
    to: new Date(today + 86_400_000).toISOString().replace('.000Z', 'Z'),
    campaignIds: ['CMP-04'],
  }
  const lastWeek = await graphql<Totals>(request, TOTALS, { filter: week })
  await expect(overview.kpi('Calls')).toHaveText(lastWeek.callMetrics.edges[0].node.totalCalls.toLocaleString('en-US'))
  expect(parseShownNumber(await overview.kpi('Calls').textContent())).toBeLessThan(expected.totalCalls)
  await overview.screenshot('overview-filtered')
})

test('the overview asks for its tiles, trend and heatmap in one request', async ({ page }) => {
  const operations: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') {
      const body = r.postData() ?? ''
      if (body.includes('callMetrics')) operations.push(/query\s+(\w+)/.exec(body)?.[1] ?? '(anonymous)')
    }
  })
  const overview = new OverviewPage(page)
  await overview.open('/overview')
  await expect(overview.kpi('Calls')).not.toHaveText('')
  await expect(page.locator('section[aria-labelledby="heatmap-title"] canvas').first()).toBeVisible()
  await expect(page.locator('section[aria-labelledby="trend-title"] canvas').first()).toBeVisible()
  expect(operations).toEqual(['Overview'])
})
