#!/usr/bin/env bash
# The web app's two speed targets:
#  1. JavaScript shipped for the first page (Overview) under 350 KB gzipped (per-page table too);
#  2. each page shows its data within 1.5 s on the demo data: navigation to content visible, measured
#     by the Playwright page tests in Chromium against the built jar (300,000 demo calls), 1 cold + 3
#     warm visits per page, each in a fresh browser context (nothing cached).
# Needs a build (`make build`) and Chromium (/usr/bin/chromium). Results: bench/results/web-<time>.txt
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out="bench/results/web-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# web bench $(date -u +%FT%TZ) on $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## bundle (frontend/dist)"
  (cd frontend && node scripts/bundle-size.mjs 350) || true
  echo "## page load (navigation to content visible)"
  (cd frontend && E2E_WARM_VISITS=3 CHROMIUM_PATH=${CHROMIUM:-/usr/bin/chromium} npx playwright test e2e/pages.spec.ts --reporter=list 2>&1 | grep -E '^page |passed|failed') || true
} | tee "$out"
echo "written: $out"
