/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.TESSERA_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // The entry is the login page: React, React Router, the Mantine it uses, i18next and the first
    // screen's Russian texts — under 150 KB gzip (`node scripts/login-bundle.mjs 150`). The signed-in
    // app (query cache, guards, shell, every page, the features' texts) loads on demand.
    chunkSizeWarningLimit: 800,
    // Browsers without <link rel="modulepreload"> (before Safari 17) load lazy pages a little later
    // rather than every browser loading the polyfill with the login page.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Dialog tests type and click through Mantine's transitions in jsdom: 2–5 s each on a quiet
    // machine, past vitest's 5 s default on a shared, loaded one. Slowness is not what they test.
    testTimeout: 30_000,
  },
});
