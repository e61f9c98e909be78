/**
 * npm run build:deploy — what `azureAppService/zipDeploy` in teamsapp.yml uploads: builds the tab and
 * the server, then stages them in build/deploy/app with package.json and production dependencies
 * only, so the zip runs as is on App Service (Linux, Node 20; startup `node dist/server/src/server.js`).
 * The tab's packages (React, Fluent UI, teams-js, Vite) are devDependencies: Vite bundles them into dist/tab,
 * and `npm install --omit=dev` leaves them out of the server without a list of names to strip.
 * Native modules (better-sqlite3) are installed for this machine: stage on Linux x64, as in CI.
 * `--skip-build` stages what dist/ already holds (when a pipeline built it in an earlier step).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STAGE = path.join(ROOT, 'build', 'deploy', 'app');
/** What the server reads at run time, besides node_modules (see src/config.ts defaults). */
const RUNTIME_PATHS = ['package.json', 'package-lock.json', 'dist/server', 'dist/tab', 'seed', 'config'];
/** Source folders whose non-TypeScript files (card templates, JSON) the code reads beside itself; tsc copies none. */
const ASSET_DIRS = ['src', 'bot'];

function run(command: string, args: string[], cwd: string): void {
  console.log(`$ ${command} ${args.join(' ')}${cwd === ROOT ? '' : `   (in ${path.relative(ROOT, cwd)})`}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function stage(): void {
  fs.rmSync(STAGE, { recursive: true, force: true });
  fs.mkdirSync(STAGE, { recursive: true });
  for (const entry of RUNTIME_PATHS) {
    const from = path.join(ROOT, entry);
    if (!fs.existsSync(from)) {
      if (entry.startsWith('dist/')) throw new Error(`${entry} is missing after the build`);
      continue;
    }
    fs.cpSync(from, path.join(STAGE, entry), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
}

/** Copies the assets of ASSET_DIRS both to the app root and beside the compiled code in dist/server. */
function stageAssets(): void {
  for (const dir of ASSET_DIRS) {
    if (!fs.existsSync(path.join(ROOT, dir))) continue;
    const assets = fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => !/\.tsx?$/.test(f) && fs.statSync(path.join(ROOT, dir, f)).isFile());
    for (const file of assets) {
      for (const target of [path.join(STAGE, dir, file), path.join(STAGE, 'dist/server', dir, file)]) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(path.join(ROOT, dir, file), target);
      }
    }
  }
}

/** The staged package.json: runtime dependencies only, and the one script App Service runs. */
function stagePackageJson(): void {
  const file = path.join(STAGE, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { devDependencies?: unknown; scripts?: unknown };
  delete pkg.devDependencies;
  pkg.scripts = { start: 'node dist/server/src/server.js' };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
}

function main(): void {
  if (!process.argv.includes('--skip-build')) {
    run('npm', ['run', 'build:tab'], ROOT);
    run('npm', ['run', 'build:server'], ROOT);
  }
  stage();
  stageAssets();
  stagePackageJson();
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-save'], STAGE);
  const entry = path.join(STAGE, 'dist/server/src/server.js');
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing`);
  console.log(`staged ${path.relative(process.cwd(), STAGE)}: start with \`node dist/server/src/server.js\``);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
