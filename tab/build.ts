/**
 * Builds the tab with Vite when dist/tab is missing or older than its sources, so
 * `npm start`, the e2e tests and the bench always serve a current tab on a fresh clone.
 * Concurrent callers wait for one build (a lock directory), then see it is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'dist/tab');
const OUT_INDEX = path.join(OUT_DIR, 'index.html');
const LOCK = path.join(ROOT, 'dist/.tab-build.lock');
const SOURCES = ['tab', 'src/domain', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist']);

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (SKIP.has(name) || name.endsWith('.tmp.mjs')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function tabIsStale(): boolean {
  const built = fs.statSync(OUT_INDEX, { throwIfNoEntry: false });
  if (!built) return true;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built.mtimeMs);
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      if (Date.now() - started > 180_000) throw new Error('timed out waiting for another tab build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Writes a gzip twin (name.gz) of every script and stylesheet, so the server can send the
 * compressed bytes to browsers that accept them without compressing on each request.
 */
export function precompress(dir = path.join(OUT_DIR, 'assets')): number {
  let count = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const file = path.join(dir, name);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    count += 1;
  }
  return count;
}

/** Builds when needed; returns whether it built. */
export async function ensureTabBuilt(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !tabIsStale()) return false;
  return withLock(async () => {
    if (!options.force && !tabIsStale()) return false;
    const { build } = await import('vite');
    // Under vitest NODE_ENV is "test", which would make Vite build React's development JSX and
    // checks into the bundle. The tab is always built for production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(ROOT, 'tab/vite.config.ts'), mode: 'production', logLevel: options.quiet ? 'warn' : 'info' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    precompress();
    // index.html last, so its time says the whole build is complete (tabIsStale compares it).
    const now = new Date();
    fs.utimesSync(OUT_INDEX, now, now);
    return true;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  ensureTabBuilt({ force }).then(
    (built) => {
      if (!built) console.log('tab is up to date (dist/tab)');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
