import { readFileSync } from 'node:fs'
import { expect, test } from './support/fixtures'
import { parseShownNumber } from './support/api'
import { CampaignsPage } from './pages/campaigns-page'

test('drill from a campaign to its agents to the calls behind them', async ({ page }) => {
  const app = new CampaignsPage(page)
  await app.open('/campaigns')
  const campaigns = app.table('Campaign performance')
  const row = campaigns.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'Home Energy Audit' }) })
  const campaignCalls = parseShownNumber(await row.locator('td').nth(2).textContent())
  expect(campaignCalls).toBeGreaterThan(0)

  await row.getByRole('link', { name: 'Home Energy Audit' }).click()
  await expect(app.heading('Agents on Home Energy Audit')).toBeVisible()
  await expect(page).toHaveURL(/\/campaigns\/CMP-05/)
  const agents = app.table(/Agent performance on/)
  await expect(agents.locator('tbody tr').first()).toBeVisible()
  // The agents' calls add up to the campaign's calls.
  const agentCalls = await agents.locator('tbody tr td:nth-child(3)').allTextContents()
  expect(agentCalls.map(parseShownNumber).reduce((a, b) => a + b, 0)).toBe(campaignCalls)
  await app.screenshot('campaign-agents')

  const firstAgent = agents.locator('tbody tr').first().getByRole('link')
  const agentName = (await firstAgent.textContent())!.trim()
  await firstAgent.click()
  await expect(app.heading('Calls')).toBeVisible()
  await expect(page).toHaveURL(/campaigns=CMP-05/)
  await expect(page).toHaveURL(/agents=AG-/)
  const calls = app.table('Calls')
  await expect(calls.locator('tbody tr').first()).toBeVisible()
  const shownCampaigns = new Set(await calls.locator('tbody tr td:nth-child(4)').allTextContents())
  const shownAgents = new Set(await calls.locator('tbody tr td:nth-child(5)').allTextContents())
  expect([...shownCampaigns]).toEqual(['Home Energy Audit'])
  expect([...shownAgents]).toEqual([agentName])

  // Paging: the next page holds other calls of the same filter.
  const firstPageIds = await calls.locator('tbody tr td:nth-child(2)').allTextContents()
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page).toHaveURL(/after=/)
  await expect(calls.locator('tbody tr td:nth-child(2)').first()).not.toHaveText(firstPageIds[0])
  const secondPageIds = await calls.locator('tbody tr td:nth-child(2)').allTextContents()
  expect(secondPageIds.filter((id) => firstPageIds.includes(id))).toEqual([])
  await app.screenshot('calls-drilled')

  // The export of this filter is a download the browser streams to disk from a signed link (not a blob in the page).
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV of this filter' }).click()
  const file = await download
  expect(file.url()).toMatch(/\/api\/calls\/export\.csv\?.*campaignIds=CMP-05.*&dl=/)
  const text = readFileSync((await file.path())!, 'utf8')
  expect(text.startsWith('\uFEFFcall_id,')).toBe(true)
  const exported = text.trim().split('\n').slice(1)
  expect(exported.length).toBeGreaterThanOrEqual(firstPageIds.length + secondPageIds.length)
  expect(exported.every((line) => line.includes('CMP-05'))).toBe(true)
})
