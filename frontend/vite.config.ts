import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// `make dev`: Vite on 5173 proxying the API to the backend on $CALLSIGHT_BACKEND (default :8080).
const backend = process.env.CALLSIGHT_BACKEND ?? 'http://127.0.0.1:8080'

/** Unit test files that must not share modules with others (module-level connection state). */
const ISOLATED = ['src/lib/live-connection.test.ts', 'src/features/live/**/*.test.tsx', 'src/features/feed/**/*.test.tsx']

export default defineConfig({
  plugins: [react()],
  resolve: {
    // `@/x` is `src/x`, as in tsconfig.app.json's paths; Vitest reads this config too.
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      // Queries over HTTP, subscriptions over a WebSocket on the same path.
      '/graphql': { target: backend, ws: true },
      '/api': backend,
      '/q': backend,
    },
  },
  build: {
    // The manifest lets scripts/bundle-size.mjs add up exactly what each page loads.
    manifest: true,
    // Budget: the first page's JavaScript under 350 KB gzipped (bench/web-bench.sh measures it).
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/testing/setup.ts'],
    css: false,
    // user-event tests take several seconds of jsdom work on a loaded 2-core CI machine
    testTimeout: 20_000,
    // A fresh jsdom and module graph for every file cost about 45 s of a 60 s run on 2 cores: the files share
    // them (each test still renders into a clean document, setup.ts cleans up). The files of the live connection
    // keep their own: it is a module-level client whose state must start anew.
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
      { extends: true, test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: ISOLATED, isolate: false } },
    ],
  },
})
