import { expect, test } from './support/fixtures'
import { graphql } from './support/api'
import { IngestPage } from './pages/ingest-page'

test('upload a small call file with one bad row: the row is rejected with its reason, the rest land', async ({ page, request }) => {
  const stamp = Date.now()
  const csv = [
    'Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time,Agent ID,Agent Name',
    `e2e-${stamp}-1,e2e-lead-${stamp}-1,CMP-01,ADV-1,Answered,Interested,120,95,1,2026-11-20 10:00:00,AG-E2E,E2E Agent`,
    `e2e-${stamp}-2,e2e-lead-${stamp}-2,CMP-01,ADV-1,No Answer,Not Answered,8,0,two,2026-11-20 10:05:00,AG-E2E,E2E Agent`,
    `e2e-${stamp}-3,e2e-lead-${stamp}-3,CMP-01,ADV-1,Busy,Not Answered,6,0,1,2026-11-20 10:10:00,AG-E2E,E2E Agent`,
  ].join('\n')
  const ingest = new IngestPage(page)
  await ingest.open('/ingest')
  await ingest.upload('three-calls.csv', csv)

  await expect(ingest.result).toContainText('Rows read3')
  await expect(ingest.result).toContainText('Accepted2')
  await expect(ingest.result).toContainText('Rejected1')
  const heading = await ingest.result.getByRole('heading').textContent()
  const batchId = heading!.replace('Batch ', '').trim()

  const rejects = ingest.rejectsTable(batchId)
  await expect(rejects.locator('tbody tr')).toHaveCount(1)
  const cells = rejects.locator('tbody tr td')
  await expect(cells.nth(0)).toHaveText('3')
  await expect(cells.nth(1)).toHaveText(`e2e-${stamp}-2`)
  await expect(cells.nth(2)).toHaveText('attempt_no')
  await expect(cells.nth(3)).toHaveText('two')
  await expect(cells.nth(4)).toHaveText('attempt number not a whole number')
  await ingest.screenshot('ingest-result')

  // The server agrees, and the two good rows are stored.
  const stored = await graphql<{ calls: { edges: unknown[] } }>(request, `query($f: CallFilter) { calls(filter: $f, first: 10) { edges { node { callId } } } }`, {
    f: { agentIds: ['AG-E2E'], from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' },
  })
  expect(stored.calls.edges).toHaveLength(2)

  // The history lists the batch; sending the same file again changes nothing.
  await expect(page.getByRole('table', { name: 'Ingest batches' }).getByRole('button', { name: batchId, exact: true })).toBeVisible()
  await ingest.upload('three-calls.csv', csv)
  await expect(ingest.result).toContainText(`already loaded as batch ${batchId}`)
  await expect(ingest.result).toContainText('Accepted0')
})
