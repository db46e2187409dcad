// @vitest-environment node
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// Lints in-memory files placed as if they were in src/ with the project's eslint.config.js, so that
// the import boundaries cannot silently stop being checked.
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries', () => {
  // Loading the config, the TypeScript parser and the plugins takes seconds on a busy machine: once.
  beforeAll(() => eslint.lintText('export {}\n', { filePath: 'src/lib/warm-up.ts' }), 60_000)

  it('refuses a feature importing another feature', async () => {
    const errors = await importErrors(
      'src/features/calls/components/sneaky.tsx',
      "import { useFeed } from '@/features/feed/api/verified-leads'\nexport const x = useFeed\n",
    )
    expect(errors).toEqual([expect.stringContaining('Features do not import each other')])
  })

  it('refuses a feature climbing out with ../../ and a feature importing src/app', async () => {
    const errors = await importErrors(
      'src/features/calls/components/sneaky.tsx',
      "import { a } from '../../feed/api/verified-leads'\nimport { b } from '@/app/app'\nexport const x = [a, b]\n",
    )
    expect(errors).toHaveLength(2)
  })

  it('refuses shared code importing a feature', async () => {
    const errors = await importErrors('src/lib/sneaky.ts', "import { a } from '@/features/feed/api/verified-leads'\nexport const x = a\n")
    expect(errors).toEqual([expect.stringContaining('must not depend on a feature')])
  })

  it('lets a feature import itself and the shared folders', async () => {
    const errors = await importErrors(
      'src/features/calls/components/fine.tsx',
      "import { a } from '../api/calls'\nimport { b } from '@/features/calls/api/calls'\nimport { c } from '@/lib/format'\nimport { d } from '@/components/ui/states'\nexport const x = [a, b, c, d]\n",
    )
    expect(errors).toEqual([])
  })
})
