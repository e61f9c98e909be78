/** Starts the real server on a free port with a fresh SQLite file in a temp dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  config: Config;
  /** fetch against the server as a demo user (X-Local-User), with JSON in and out. */
  call(user: string | null, method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * Reminders and the weekly digest run on the wall clock: a test that counts the posts in a
 * conversation would see them when it happens to run across 08:00 on a working day. They are off
 * unless a test turns them on (tests/bot/reminders.spec.ts injects a clock instead).
 */
export const WALL_CLOCK_SCHEDULE_OFF = { DIGEST_ENABLED: 'false', REMINDERS_ENABLED: 'false' } as const;

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-test-'));
}

export async function startTestServer(env: Record<string, string> = {}, dataDir = tempDataDir()): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...WALL_CLOCK_SCHEDULE_OFF, ...env });
  const running = await startServer(config);
  const call: TestServer['call'] = (user, method, urlPath, body, headers = {}) =>
    fetch(running.url + urlPath, {
      method,
      headers: {
        ...(user ? { 'X-Local-User': user } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  return {
    ...running,
    dataDir,
    config,
    call,
    async dispose() {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
