import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

export class IngestPage extends AppPage {
  /** Picks a file for the input labelled `fileLabel` (the call file by default), fills the given fields, uploads. */
  async upload(name: string, content: string | Buffer, fileLabel: RegExp = /Call file/, fields: Record<string, string> = {}) {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    await this.main.getByLabel(fileLabel).setInputFiles({ name, mimeType: 'text/csv', buffer })
    for (const [label, value] of Object.entries(fields)) await this.main.getByLabel(label, { exact: false }).fill(value)
    await this.main.getByRole('button', { name: 'Upload', exact: true }).click()
  }

  /** Opens the upload page of one kind of data by its tab. */
  async chooseKind(label: string) {
    await this.main.getByRole('navigation', { name: 'Kind of data' }).getByRole('link', { name: label, exact: true }).click()
  }

  get result(): Locator {
    return this.main.getByTestId('ingest-result')
  }

  rejectsTable(batchId: string): Locator {
    return this.main.getByRole('table', { name: `Rejected rows of batch ${batchId}` })
  }
}
