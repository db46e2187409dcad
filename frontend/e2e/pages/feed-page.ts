import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

/** The advertiser's lead feed. */
export class FeedPage extends AppPage {
  get table(): Locator {
    return this.main.getByRole('table', { name: 'Verified leads' })
  }

  /** A lead that can still be returned: its Return button is enabled. */
  returnableRow(): Locator {
    return this.table.locator('tbody tr').filter({ has: this.page.getByRole('button', { name: /^Return lead [^(]*$/ }) }).first()
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog')
  }
}
