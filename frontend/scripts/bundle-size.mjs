// JavaScript each page of the built app loads, gzipped: the entry with its static imports, plus the
// page's lazy chunk with its imports and the chunks it loads on demand (ECharts). Reads Vite's manifest (dist/.vite/manifest.json).
// Usage: node scripts/bundle-size.mjs [budgetKB]   (exit 1 when the first page is over budget)
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const budget = Number(process.argv[2] ?? 350)
const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'))

// A page needs its static imports and, past the entry, the chunks it loads on demand (ECharts).
function closure(key, seen = new Set(), withDynamic = false) {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const imported of manifest[key].imports ?? []) closure(imported, seen, withDynamic)
  if (withDynamic && !manifest[key].isEntry) for (const imported of manifest[key].dynamicImports ?? []) closure(imported, seen, withDynamic)
  return seen
}

function gzipKB(keys) {
  let raw = 0
  let gz = 0
  for (const key of keys) {
    const bytes = readFileSync(`dist/${manifest[key].file}`)
    raw += bytes.length
    gz += gzipSync(bytes, { level: 9 }).length
  }
  return { raw: raw / 1024, gz: gz / 1024 }
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
const base = closure(entry)
const pages = Object.keys(manifest).filter((k) => k.includes('/features/') && k.endsWith('-page.tsx'))
const rows = pages.map((page) => {
  const keys = new Set([...base, ...closure(page, new Set(), true)])
  return { page: page.replace(/^.*\/components\//, '').replace('.tsx', ''), ...gzipKB(keys) }
})
const entryOnly = gzipKB(base)
console.log(`entry (router, React, shell, filter bar): ${entryOnly.gz.toFixed(1)} KB gzipped (${entryOnly.raw.toFixed(1)} KB raw)`)
for (const r of rows.sort((a, b) => b.gz - a.gz)) {
  console.log(`${r.page.padEnd(24)} ${r.gz.toFixed(1).padStart(7)} KB gzipped  ${r.raw.toFixed(1).padStart(8)} KB raw`)
}
const first = rows.find((r) => r.page === 'overview-page')
console.log(`first page (overview): ${first.gz.toFixed(1)} KB gzipped, budget ${budget} KB: ${first.gz <= budget ? 'PASS' : 'MISS'}`)
process.exit(first.gz <= budget ? 0 : 1)
