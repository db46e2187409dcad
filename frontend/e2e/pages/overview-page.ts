import type { Locator } from '@playwright/test'
import { AppPage } from './app-page'

export class OverviewPage extends AppPage {
  kpi(label: string): Locator {
    return this.main.getByRole('region', { name: label }).locator('.kpi-value')
  }
}
