import { expect, test } from './support/fixtures'
import { graphql } from './support/api'
import { loginApi } from './support/auth'
import { expectAccessible } from './support/axe'
import { AdminPage } from './pages/admin-page'
import { CompliancePage } from './pages/compliance-page'

/** The demo plants CMPL-DEMO-FL1: verified at 20:40 in Miami, after Florida's 20:00, for the first advertiser. */
const HELD_LEAD = 'CMPL-DEMO-FL1'

test('a lead verified by a violating call is held back from the feed until an admin releases it, and the release is audited', async ({ page, request, playwright, baseURL }) => {
  const advertiser = await loginApi(request, 'advertiser1')
  const asAdvertiser = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${advertiser.token}` } })
  const ownFeed = async () =>
    (await graphql<{ verifiedLeads: { edges: { node: { leadId: string } }[] } }>(asAdvertiser, '{ verifiedLeads(first: 1000, newestFirst: true) { edges { node { leadId } } } }')).verifiedLeads.edges.map((e) => e.node.leadId)

  const compliance = new CompliancePage(page)
  await compliance.open('/compliance')
  await expect(compliance.heading('Compliance')).toBeVisible()
  await compliance.waitForContent()
  // violations per rule, as the API counts them; a rule drills to its calls
  const report = await graphql<{ complianceReport: { byRule: { key: string; calls: number }[] } }>(request, '{ complianceReport { byRule { key calls } } }')
  expect(report.complianceReport.byRule.map((r) => r.key)).toContain('FL-HOURS')
  await expect(compliance.rulesTable.locator('tbody tr').filter({ hasText: 'FL-ATTEMPTS' })).toBeVisible()
  await compliance.rulesTable.getByRole('button', { name: 'Show the calls breaking FL-HOURS' }).click()
  await expect(compliance.main.getByRole('heading', { name: 'Violating calls breaking FL-HOURS' })).toBeVisible()
  await expect(compliance.callsTable.locator('tbody tr').filter({ hasText: HELD_LEAD })).toBeVisible()

  // held: listed here, absent from the advertiser's own feed
  await expect(compliance.heldRow(HELD_LEAD)).toContainText('FL-HOURS')
  expect(await ownFeed()).not.toContain(HELD_LEAD)
  await compliance.screenshot('compliance')

  const reason = `Consent to evening calls on file (e2e ${Date.now()})`
  await compliance.release(HELD_LEAD, reason)
  await expect(compliance.main.getByRole('status').filter({ hasText: `Lead ${HELD_LEAD} released` })).toBeVisible()
  await expect(compliance.heldRow(HELD_LEAD)).toHaveCount(0)
  await expect.poll(ownFeed).toContain(HELD_LEAD)

  const admin = new AdminPage(page)
  await admin.goTo('Audit')
  await admin.filterAudit('releaseHeldLead')
  const entry = admin.auditTable.locator('tbody tr').filter({ hasText: reason }).first()
  await expect(entry).toContainText('releaseHeldLead')
  await expect(entry).toContainText('admin')
  await asAdvertiser.dispose()
})

test('an admin uploads a do-not-call file: the invalid line is named by its line, the number is then listed, and the section passes axe', async ({ page }) => {
  // a number of its own per run (415-555-xxxx), in a file with a header, a blank line and an invalid line
  const digits = `415555${String(Date.now() % 10_000).padStart(4, '0')}`
  const formatted = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
  const compliance = new CompliancePage(page)
  await compliance.open('/compliance')
  await expect(compliance.doNotCall.getByText(/cannot be shown or downloaded/)).toBeVisible()
  await compliance.uploadDoNotCall('dnc-e2e.csv', `phone\n${formatted}\n\nnot a number\n`)
  const outcome = compliance.doNotCall.getByTestId('dnc-outcome')
  await expect(outcome.getByRole('status')).toHaveText(/^dnc-e2e\.csv: 1 number added, 0 already on the list \(unchanged\), 1 invalid line\./)
  await expect(outcome.getByRole('table', { name: 'Invalid lines' }).locator('tbody tr')).toHaveText([/^4\s*not a number\s*not a phone number$/])

  await compliance.checkDoNotCall(`+1 ${digits}`)
  await expect(compliance.doNotCall.getByTestId('dnc-check')).toHaveText(`+1 ${digits} is on the do-not-call list.`)
  await compliance.waitForContent()
  await expectAccessible(page, 'compliance with the do-not-call section')
})
