// Prints one closing line for `make test` from the three suites' reports:
// backend (Maven Surefire and Failsafe XML), components (Vitest JSON), browser (Playwright JSON).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

function surefire(...dirs) {
  const found = dirs.filter((dir) => existsSync(dir))
  if (found.length === 0) return null
  let passed = 0
  let failed = 0
  for (const [dir, file] of found.flatMap((d) => readdirSync(d).filter((f) => f.startsWith('TEST-') && f.endsWith('.xml')).map((f) => [d, f]))) {
    const head = readFileSync(join(dir, file), 'utf8').match(/<testsuite [^>]*>/)?.[0] ?? ''
    const attr = (name) => Number(head.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0)
    const bad = attr('failures') + attr('errors')
    failed += bad
    passed += attr('tests') - bad - attr('skipped')
  }
  return { passed, failed }
}

function vitest(file) {
  if (!existsSync(file)) return null
  const report = JSON.parse(readFileSync(file, 'utf8'))
  return { passed: report.numPassedTests, failed: report.numFailedTests }
}

function playwright(file) {
  if (!existsSync(file)) return null
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected }
}

const suites = {
  backend: surefire('../backend/target/surefire-reports', '../backend/target/failsafe-reports'),
  components: vitest('test-results/vitest.json'),
  browser: playwright('test-results/playwright.json'),
}
let passed = 0
let failed = 0
const parts = []
for (const [name, result] of Object.entries(suites)) {
  if (!result) {
    parts.push(`${name}: no report`)
    failed += 1
    continue
  }
  passed += result.passed
  failed += result.failed
  parts.push(`${name} ${result.passed} passed, ${result.failed} failed`)
}
console.log(`Test suites: ${parts.join('; ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
