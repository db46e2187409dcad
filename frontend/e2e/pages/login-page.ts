import type { Locator, Page } from '@playwright/test'

export class LoginPage {
  readonly page: Page
  readonly form: Locator
  readonly error: Locator

  constructor(page: Page) {
    this.page = page
    this.form = page.getByRole('form', { name: 'Sign in' })
    this.error = this.form.getByRole('alert')
  }

  async signIn(username: string, password: string) {
    await this.form.getByLabel('User name').fill(username)
    await this.form.getByLabel('Password').fill(password)
    await this.form.getByRole('button', { name: 'Sign in' }).click()
  }
}
