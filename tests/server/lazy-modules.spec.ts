/**
 * Heavy modules load only in the configurations that use them (issue 11, item 5). The real server starts in a
 * child process (`node --import record-modules.mjs --import tsx src/server.ts`), serves the board once, and reports
 * every module it loaded: what `import` resolved (module customization hooks) and the CommonJS files in require.cache.
 * https://nodejs.org/docs/latest-v20.x/api/module.html#customization-hooks
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECORDER = fileURLToPath(new URL('./fixtures/record-modules.mjs', import.meta.url));

/** Packages the default configuration (SQLite, local sign-in, no bot) never needs. */
const HEAVY = ['@microsoft/microsoft-graph-client', '@azure/msal-node', 'jose', 'botbuilder', 'pptxgenjs', 'exceljs'];

/** The packages (by their node_modules folder) among the loaded files. */
function packagesOf(modules: string[]): Set<string> {
  const names = modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(m))?.[1]).filter(Boolean);
  return new Set(names as string[]);
}

/** Starts the server with `env`, reads the board as a reader and returns the packages the process has loaded. */
async function packagesLoadedBy(env: Record<string, string>): Promise<Set<string>> {
  const dataDir = tempDataDir();
  const child = spawn(process.execPath, ['--import', RECORDER, '--import', 'tsx', path.join('src', 'server.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const { stdout: out, stderr: err } = child;
  if (!out || !err) throw new Error('the child has no output pipes');
  let stderr = '';
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      out.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const listening = /listening on (http:\/\/\S+)/.exec(stdout);
        if (listening) resolve(listening[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
    const board = await fetch(`${url}/api/board`, { headers: { 'X-Local-User': 'reader' } });
    expect(board.status).toBe(200);
    const report = new Promise<string[]>((resolve) => child.once('message', (m: { modules: string[] }) => resolve(m.modules)));
    child.send('report');
    return packagesOf(await report);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Each case starts a whole server process (tsx compiling it on the way): more time than the unit tests' default,
// not a timed assertion.
const START = { timeout: 90_000 };

describe('modules loaded by the running server', () => {
  it(
    'the default configuration (SQLite, AUTH_MODE=local, BOT_ENABLED=false) loads none of the Graph, MSAL, JWT, bot or report SDKs',
    START,
    async () => {
      const loaded = await packagesLoadedBy({ STORE: 'sqlite', AUTH_MODE: 'local', BOT_ENABLED: 'false' });
      // The recorder sees the packages the server does use.
      expect(loaded).toContain('express');
      expect(loaded).toContain('better-sqlite3');
      expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
    },
  );

  it('with the bot enabled the bot SDK is loaded, and still none of the others', START, async () => {
    const loaded = await packagesLoadedBy({ STORE: 'sqlite', AUTH_MODE: 'local', BOT_ENABLED: 'true' });
    expect(loaded).toContain('botbuilder');
    expect(HEAVY.filter((name) => loaded.has(name) && name !== 'botbuilder')).toEqual([]);
  });
});
