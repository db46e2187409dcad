import { expect, test } from './support/fixtures'
import { readFileSync } from 'node:fs'
import { graphql, parseShownNumber } from './support/api'
import { AppPage } from './pages/app-page'

// The repository's real data files (testdata/README.md); Playwright runs in frontend/.
const TESTDATA = '../testdata'

test('service levels of a real queue, and agent scorecards, from uploaded files', async ({ page, request }) => {
  const bank = await request.post('/api/ingest/inbound-calls', {
    headers: { 'content-type': 'text/tab-separated-values' },
    data: readFileSync(`${TESTDATA}/calls-real/anonymous-bank-1999-02.tsv`),
  })
  expect(bank.ok()).toBeTruthy()
  const kpis = [
    { agent_id: 'E2E-1', agent_name: 'Ann', team: 'Alpha', date: '2030-01-07', adherence: '96%', quality_score: 95, csat: 4.8, fcr: 0.9, aht: 280, acw: 40 },
    { agent_id: 'E2E-2', agent_name: 'Bo', team: 'Alpha', date: '2030-01-07', adherence: '90%', quality_score: 82, csat: 4.1, fcr: 0.75, aht: 310, acw: 55 },
    { agent_id: 'E2E-3', agent_name: 'Cy', team: 'Alpha', date: '2030-01-07', adherence: '88%', quality_score: 78, csat: 3.9, fcr: 0.7, aht: 300, acw: 50 },
    { agent_id: 'E2E-4', agent_name: 'Di', team: 'Alpha', date: '2030-01-07', adherence: '85%', quality_score: 70, csat: 3.5, fcr: 0.6, aht: 1200, acw: 60 },
  ]
  expect((await request.post('/api/ingest/agent-kpis', { data: kpis })).ok()).toBeTruthy()

  const app = new AppPage(page)
  await app.open('/service-levels?queue=anonymous-bank&bucket=DAY&slFrom=1999-02-01&slTo=1999-03-01')
  const table = page.getByRole('table', { name: 'Service metrics' })
  await expect(table.locator('tbody tr').first()).toBeVisible()
  const expected = await graphql<{ serviceMetrics: { offered: number }[] }>(
    request,
    '{ serviceMetrics(queue: "anonymous-bank", bucket: DAY, filter: {from: "1999-02-01", to: "1999-03-01"}) { offered } }',
  )
  const shown = (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(parseShownNumber)
  expect(shown.reduce((a, b) => a + b, 0)).toBe(expected.serviceMetrics.reduce((a, r) => a + r.offered, 0))
  await expect(page.getByRole('table', { name: 'Staffing model errors' }).locator('tbody tr')).toHaveCount(2)
  await app.screenshot('service-levels')

  // A monthly file that lists May 2015 twice: the user chooses the version that counts.
  const sf = await request.post('/api/ingest/service-metrics', {
    headers: { 'content-type': 'text/csv' },
    data: readFileSync(`${TESTDATA}/service-metrics/sf311-monthly-2007-2017.csv`),
  })
  expect(sf.ok()).toBeTruthy()
  await app.open('/service-levels?queue=sf311&bucket=MONTH&slFrom=2015-05-01&slTo=2015-06-01')
  const may = page.getByRole('table', { name: 'Service metrics' }).locator('tbody tr').first()
  await expect(may.locator('td').nth(2)).toHaveText('80,836')
  const conflict = page.getByRole('table', { name: /2015-05/ })
  await conflict.getByRole('button', { name: 'Count this one' }).click()
  await expect(may.locator('td').nth(2)).toHaveText('75,324')
  await expect(conflict.getByRole('button', { name: 'Count this one' })).toHaveCount(1)
  await app.screenshot('service-levels-conflict')

  await app.open('/scorecards?scFrom=2030-01-01&scTo=2030-02-01')
  const agents = page.getByRole('table', { name: 'Agent scorecards' })
  await expect(agents.locator('tbody tr')).toHaveCount(4)
  await expect(agents.locator('tbody tr').first()).toContainText('Ann')
  await expect(agents.locator('tbody tr').first()).toContainText('Top Performer')
  await expect(page.getByRole('table', { name: 'Bottlenecks' })).toContainText('AHT 1200 s')
  await app.screenshot('scorecards')
})
