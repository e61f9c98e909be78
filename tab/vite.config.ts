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
  },
  server: {
    port: Number(process.env.TAB_DEV_PORT ?? 5173),
    proxy: { '/api': process.env.API_TARGET ?? 'http://127.0.0.1:3978' },
  },
});
