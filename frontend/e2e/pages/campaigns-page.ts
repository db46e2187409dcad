import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

export class CampaignsPage extends AppPage {
  table(name: string | RegExp): Locator {
    return this.main.getByRole('table', { name })
  }

  /** The body rows of a table (the header row excluded). */
  rows(table: Locator): Locator {
    return table.locator('tbody tr')
  }
}
