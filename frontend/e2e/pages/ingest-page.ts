import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

export class IngestPage extends AppPage {
  async upload(name: string, csv: string) {
    await this.main.getByLabel(/Call file/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await this.main.getByRole('button', { name: 'Upload', exact: true }).click()
  }

  get result(): Locator {
    return this.main.getByTestId('ingest-result')
  }

  rejectsTable(batchId: string): Locator {
    return this.main.getByRole('table', { name: `Rejected rows of batch ${batchId}` })
  }
}
