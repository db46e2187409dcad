import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** What axe found of serious or critical impact, one line each (the rule, and where). */
async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  // Rows of a table are alike: the first three stand for the rest (a 50-row table costs seconds).
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('tbody tr:nth-child(n+4)')
  if (rules) builder = builder.withRules(rules)
  const { violations } = await builder.analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} - ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`))
}

/**
 * axe on the page as it is shown, then (unless `dark: false`) its contrast again in the dark theme (the
 * system setting the app follows); no serious or critical violation in either. Leaves the page in the
 * light theme.
 */
export async function expectAccessible(page: Page, name: string, { dark = true }: { dark?: boolean } = {}) {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  if (!dark) return
  await page.emulateMedia({ colorScheme: 'dark' })
  try {
    expect(await seriousViolations(page, ['color-contrast']), `axe contrast on ${name}, dark theme`).toEqual([])
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
  }
}
