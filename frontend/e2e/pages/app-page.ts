import { expect, type Locator, type Page } from '@playwright/test'

/** The app around every page: navigation, the global filter bar, the main content. */
export class AppPage {
  readonly page: Page
  readonly main: Locator
  readonly filters: Locator

  constructor(page: Page) {
    this.page = page
    this.main = page.getByRole('main')
    this.filters = page.getByRole('form', { name: 'Filters' })
  }

  async open(path: string) {
    await this.page.goto(path)
  }

  heading(name: string | RegExp) {
    return this.main.getByRole('heading', { level: 1, name })
  }

  async goTo(pageName: string) {
    await this.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: pageName, exact: true }).click()
  }

  async chooseCampaign(label: string) {
    await this.filters.getByRole('button', { name: /^Campaigns:/ }).click()
    const box = this.filters.getByRole('group', { name: 'Campaigns' }).getByRole('checkbox', { name: label })
    // The box is controlled by the URL, which updates just after the click.
    await box.click()
    await expect(box).toBeChecked()
    await this.page.keyboard.press('Escape')
  }

  async choosePeriod(label: string) {
    await this.filters.getByRole('combobox', { name: 'Period' }).selectOption({ label })
  }

  /** Content is visible when no loading indicator is left in the main area. */
  async waitForContent() {
    await expect(this.main.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0)
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0)
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })
  }
}
