import { expect, test } from './support/fixtures'
import { IngestPage } from './pages/ingest-page'

const HEX = 'ab'.repeat(20)

interface Case {
  tab: string
  fileLabel: RegExp
  name: string
  content: string
  fields?: Record<string, string>
  /** The bad row's line and field. */
  reject: { line: string; field: string }
  /** Also in the result. */
  shows?: string
}

/** Every upload page: a small file with one bad row; the result counts it, the rejects show it, the history lists the batch. */
test('every kind of data has an upload page with its result, its rejects and its history', async ({ page }) => {
  const stamp = Date.now().toString(36)
  const cases: Case[] = [
    {
      tab: 'Leads',
      fileLabel: /Lead file/,
      name: `leads-${stamp}.csv`,
      content: `lead_id,email_hash,phone_hash,campaign_id,advertiser_id\nup-${stamp}-1,${HEX},,CMP-01,ADV-1\nup-${stamp}-2,not-a-hash,,CMP-01,ADV-1\n`,
      reject: { line: '3', field: 'email_hash' },
    },
    {
      tab: 'Service metrics',
      fileLabel: /Metric file/,
      name: `sf-${stamp}.csv`,
      content:
        'Month,Calls Answered,Svc Level (% answered w/i 60 sec),Avg Speed Answer (sec),Transferred Calls %\n' +
        '01/01/2041 12:00:00 AM,100,50%,30,5%\n02/01/2041 12:00:00 AM,100,150%,30,5%\n',
      reject: { line: '3', field: 'service_level' },
    },
    {
      tab: 'Inbound call logs',
      fileLabel: /Call log/,
      name: `bank-${stamp}.tsv`,
      content: [
        'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver',
        `AA0101\t9${stamp.length}01\t0\t0\tPS\t410201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT`,
        `AA0101\t9${stamp.length}02\t0\t0\tPS\tnot-a-day\t7:31:45\t7:31:55\t10\t0:00:00\t0:00:00\t0\tAGENT\t7:31:54\t7:31:59\t5\tDORIT`,
      ].join('\n'),
      reject: { line: '3', field: 'date' },
    },
    {
      tab: 'Agent KPIs',
      fileLabel: /KPI file/,
      name: `kpis-${stamp}.csv`,
      content: 'agent_id,agent_name,team,date,adherence,quality_score,notes\nUP-1,Ann,Alpha,2041-01-07,96%,95,mail jane.doe@example.com\n,Bo,Alpha,2041-01-07,90%,80,\n',
      reject: { line: '3', field: 'agent_id' },
      shows: 'Personal data in column notes: 1 email value(s), stored masked (e.g. j***@example.com)',
    },
  ]
  const ingest = new IngestPage(page)
  await ingest.open('/ingest')
  for (const c of cases) {
    await test.step(c.tab, async () => {
      await ingest.chooseKind(c.tab)
      await expect(page).toHaveURL(/kind=/)
      await ingest.upload(c.name, c.content, c.fileLabel, c.fields)
      await expect(ingest.result).toContainText('Rows read2')
      await expect(ingest.result).toContainText('Rejected1')
      if (c.shows) await expect(ingest.result).toContainText(c.shows)
      const batchId = ((await ingest.result.getByRole('heading').textContent()) ?? '').replace('Batch ', '').trim()
      const row = ingest.rejectsTable(batchId).locator('tbody tr')
      await expect(row).toHaveCount(1)
      await expect(row.locator('td').nth(0)).toHaveText(c.reject.line)
      await expect(row.locator('td').nth(2)).toHaveText(c.reject.field)
      const history = page.getByRole('table', { name: 'Ingest batches' })
      await expect(history.getByRole('button', { name: batchId, exact: true })).toBeVisible()
      await expect(history.locator('tbody tr').first()).toContainText(c.name)
    })
  }

  await test.step('CRM snapshots: source and report date, the checks and the snapshot list', async () => {
    await ingest.chooseKind('CRM snapshots')
    const csv =
      'ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Set,Demo,Dispo,Job Status\n' +
      `02/05/2041,${stamp}1,${HEX},${HEX},Bremerton,WA,98311,,0,0,Data,\n` +
      `02/06/2041,${stamp}2,${'cd'.repeat(20)},${'cd'.repeat(20)},Surprise,AZ,85379,02/09/2041  5:30PM,1,0,CXL-BT,\n`
    await ingest.upload(`crm-${stamp}.csv`, csv, /CRM report file/, { 'Source (the advertiser report': `e2e-${stamp}`, 'Report date': '2041-02-10' })
    await expect(ingest.result).toContainText('Report date2041-02-10 (from parameter)')
    await expect(ingest.result).toContainText('Rows read2')
    await expect(ingest.result.getByRole('link', { name: /Data-quality checks of snapshot/ })).toBeVisible()
    await expect(page.getByRole('table', { name: 'CRM snapshots' }).locator('tbody tr').first()).toContainText(`e2e-${stamp}`)
  })

  await test.step('a large call file is compressed in the browser, and the progress is shown', async () => {
    await ingest.chooseKind('Calls')
    const header = 'Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time,Agent ID,Agent Name'
    const rows = Array.from({ length: 3000 }, (_, i) => `up-${stamp}-${i},up-lead-${stamp}-${i % 900},CMP-01,ADV-1,No Answer,Not Answered,8,0,1,2041-01-0${1 + (i % 9)} 10:${String(10 + (i % 50)).padStart(2, '0')}:00,AG-UP,Up Agent`)
    await ingest.upload(`big-${stamp}.csv`, [header, ...rows].join('\n'))
    await expect(page.getByTestId('upload-progress')).toBeVisible()
    await expect(ingest.result).toContainText('Accepted3,000', { timeout: 30_000 })
    await expect(page.getByRole('table', { name: 'Ingest batches' }).locator('tbody tr').first()).toContainText(`big-${stamp}.csv.gz`)
  })
})
