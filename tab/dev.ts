/**
 * `npm run dev`: the API server (tsx watch, restarts on change) and Vite's dev server with
 * hot reload in one terminal; Vite proxies /api to the server. Open the printed /tab/ URL.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.PORT ?? '3978';
process.env.API_TARGET ??= `http://127.0.0.1:${apiPort}`;

const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort },
});

const vite = await createServer({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
await vite.listen();
vite.printUrls();
console.log(`API server: ${process.env.API_TARGET} (proxied at /api)`);

const stop = () => {
  api.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
api.once('exit', (code) => {
  if (code !== null && code !== 0) console.error(`API server exited with ${code}`);
});
