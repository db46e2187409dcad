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

  async release(leadId: string, reason: string) {
    await this.heldRow(leadId).getByRole('button', { name: `Release lead ${leadId}` }).click()
    const dialog = this.page.getByRole('dialog', { name: `Release lead ${leadId}` })
    await dialog.getByLabel('Reason for the release').fill(reason)
    await dialog.getByRole('button', { name: 'Release lead' }).click()
  }
}
