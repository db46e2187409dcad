import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

/** The advertiser's lead feed. */
export class FeedPage extends AppPage {
  get table(): Locator {
    return this.main.getByRole('table', { name: 'Verified leads' })
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog')
  }
}
