// ESLint flat config: JavaScript + typescript-eslint recommended (without type information: the
// project compiles with TypeScript 7, whose native compiler has no JS API for type-aware linting),
// React hooks recommended, and the import boundaries of src/ (CONVENTIONS.md, frontend section).
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

// Climbing two folders up leaves a feature (or a shared folder): such imports go through `@/`.
const deepRelative = {
  regex: '^(\\.\\./){2,}',
  message: 'Import through the `@/` alias (`@/lib/x`, `@/components/ui/x`) instead of `../../`.',
}
const app = {
  regex: '^@/app(/|$)',
  message: 'src/app (routes, providers) composes the features; nothing imports it.',
}
const anyFeature = {
  regex: '^@/features/',
  message: 'Shared code (src/components, src/lib, src/testing) must not depend on a feature.',
}
const otherFeature = (feature) => ({
  regex: `^@/features/(?!${feature}/)`,
  message: `Features do not import each other: move what ${feature} needs from another feature to src/components or src/lib.`,
})
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist', 'src/gql', 'test-results', 'playwright-report'] },
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser } },
  },
  {
    files: ['*.{js,ts}', 'scripts/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  { files: ['src/**'], rules: restrictImports(deepRelative) },
  { files: ['src/components/**', 'src/lib/**', 'src/testing/**'], rules: restrictImports(deepRelative, app, anyFeature) },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: restrictImports(deepRelative, app, otherFeature(feature)),
  })),
)
