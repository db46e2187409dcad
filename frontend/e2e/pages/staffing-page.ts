import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

export class StaffingPage extends AppPage {
  target(label: string): Locator {
    return this.main.getByRole('form', { name: 'Staffing targets' }).getByLabel(label)
  }

  get summary(): Locator {
    return this.main.getByTestId('plan-summary')
  }

  get perDayTable(): Locator {
    return this.main.getByRole('table', { name: 'Staffing per day' })
  }
}
