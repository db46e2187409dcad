import { test as base } from '@playwright/test'
import { adminSession } from './auth'

/**
 * Playwright's test with `request` signed in as admin (bearer token of global-setup): the specs
 * check the screen against what the API answers, and load files through it.
 */
export const test = base.extend({
  request: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${adminSession().token}` } })
    await use(context)
    await context.dispose()
  },
})

export { expect } from '@playwright/test'
