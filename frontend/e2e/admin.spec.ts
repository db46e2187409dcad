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

test('an admin points a webhook at a receiver, sees its secret once, and a signed test event arrives', async ({ page }) => {
  // A real receiver on loopback that checks the signature with the secret the page showed.
  const { createServer } = await import('node:http')
  const { createHmac, timingSafeEqual } = await import('node:crypto')
  let secret = ''
  const received: { type?: string; signatureOk: boolean }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const ts = String(req.headers['x-callsight-timestamp'] ?? '')
      const expected = Buffer.from('v1=' + createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex'))
      const given = Buffer.from(String(req.headers['x-callsight-signature'] ?? ''))
      const signatureOk = given.length === expected.length && timingSafeEqual(given, expected)
      received.push({ type: JSON.parse(body.toString('utf8')).type, signatureOk })
      res.writeHead(signatureOk ? 200 : 401).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  try {
    const admin = new AdminPage(page)
    await admin.open('/admin/advertisers')
    const rows = page.getByRole('table', { name: 'Advertisers' }).locator('tbody tr')
    await expect(rows.first()).toBeVisible()
    // not ADV-1: advertiser1's feed stays as the other specs expect it
    const advertiserId = 'ADV-3'
    await rows.filter({ hasText: advertiserId }).getByRole('button').click()
    await expect(page).toHaveURL(new RegExp(`advertiser=${advertiserId}`))
    const form = page.getByRole('form', { name: 'Webhook' })
    await form.getByLabel('URL').fill(`http://127.0.0.1:${port}/hook`)
    await form.getByRole('button', { name: 'Save webhook' }).click()
    await expect(form.getByText('Webhook saved.')).toBeVisible()
    const notice = page.getByRole('region', { name: 'New webhook signing secret' })
    secret = (await notice.getByTestId('one-time-secret').textContent())!.trim()
    expect(secret.length).toBeGreaterThan(20)
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await expect(page.getByTestId('one-time-secret')).toHaveCount(0)

    await page.getByRole('button', { name: 'Send test event' }).click()
    await expect(page.getByTestId('test-event-outcome')).toContainText('HTTP 200')
    expect(received).toEqual([{ type: 'test', signatureOk: true }])

    // the delivery log lists the test, and the audit log the change (without the secret)
    await page.reload()
    await expect(page.getByRole('table', { name: 'Webhook deliveries' }).locator('tbody tr').first()).toContainText('TEST')
    await admin.open('/admin/audit')
    await admin.filterAudit('setWebhook')
    const entry = admin.auditTable.locator('tbody tr').first()
    await expect(entry).toContainText(advertiserId)
    await expect(admin.auditTable).not.toContainText(secret)
    await admin.screenshot('admin-webhook')
  } finally {
    server.close()
  }
})
