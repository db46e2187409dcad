import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

/** The admin pages: users and keys, audit. */
export class AdminPage extends AppPage {
  get keyForm(): Locator {
    return this.main.getByRole('form', { name: 'Create an API key' })
  }

  get keysTable(): Locator {
    return this.main.getByRole('table', { name: 'API keys' })
  }

  get auditTable(): Locator {
    return this.main.getByRole('table', { name: 'Audit log' })
  }

  async createKey(name: string, role: string, advertiserLabel?: string) {
    await this.keyForm.getByLabel('Key name').fill(name)
    await this.keyForm.getByLabel('Role').selectOption(role)
    if (advertiserLabel) await this.keyForm.getByLabel('Advertiser').selectOption({ label: advertiserLabel })
    await this.keyForm.getByRole('button', { name: 'Create key' }).click()
  }

  async filterAudit(action: string) {
    const form = this.main.getByRole('form', { name: 'Filter the audit log' })
    await form.getByLabel('Action').fill(action)
    await form.getByRole('button', { name: 'Filter' }).click()
  }
}
