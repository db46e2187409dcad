import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

/** The Compliance page: violations, the leads held back from the feed, the rules. */
export class CompliancePage extends AppPage {
  get heldTable(): Locator {
    return this.main.getByRole('table', { name: 'Held leads' })
  }

  get rulesTable(): Locator {
    return this.main.getByRole('table', { name: 'Violations per rule' })
  }

  get callsTable(): Locator {
    return this.main.getByRole('table', { name: 'Violating calls' })
  }

  heldRow(leadId: string): Locator {
    return this.heldTable.locator('tbody tr').filter({ hasText: leadId })
  }

  get doNotCall(): Locator {
    return this.main.getByRole('region', { name: 'Do-not-call list' })
  }

  /** Uploads a file of numbers through the do-not-call section's file field. */
  async uploadDoNotCall(name: string, content: string) {
    const form = this.doNotCall.getByRole('form', { name: 'Upload a file of numbers' })
    await form.getByLabel('File of numbers (.csv, .txt)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) })
    await form.getByRole('button', { name: 'Upload file' }).click()
  }

  async checkDoNotCall(number: string) {
    const form = this.doNotCall.getByRole('form', { name: 'Check a number' })
    await form.getByLabel('Number to check').fill(number)
    await form.getByRole('button', { name: 'Check' }).click()
  }

  async release(leadId: string, reason: string) {
    await this.heldRow(leadId).getByRole('button', { name: `Release lead ${leadId}` }).click()
    const dialog = this.page.getByRole('dialog', { name: `Release lead ${leadId}` })
    await dialog.getByLabel('Reason for the release').fill(reason)
    await dialog.getByRole('button', { name: 'Release lead' }).click()
  }
}
