/**
 * Vite builds the tab into dist/tab, served by the express server at /tab.
 * `npm run dev` serves it with hot reload and proxies /api to the server (API_TARGET).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/tab', import.meta.url));

export default defineConfig({
  root,
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    // The board, and the two pages of the SSO consent pop-up (served at /tab/auth-start and /tab/auth-end).
    rollupOptions: {
      input: { index: `${root}index.html`, 'auth-start': `${root}auth-start.html`, 'auth-end': `${root}auth-end.html` },
    },
  },
  server: {
    port: Number(process.env.TAB_DEV_PORT ?? 5173),
    proxy: { '/api': process.env.API_TARGET ?? 'http://127.0.0.1:3978' },
  },
});
