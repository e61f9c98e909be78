/**
 * The command-line scripts refuse what they do not know: each is spawned as `npm run <script> -- ...` runs it
 * (node with tsx's loader), with an unknown option, and must stop with exit code 2, say which option, print its
 * usage, and touch nothing (no store file is created).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { tempDataDir } from '../helpers/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = tempDataDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, BOT_ENABLED: 'false' }, encoding: 'utf8' },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

describe('parseCommandLine', () => {
  const command = { usage: 'usage: test', options: { year: { type: 'string' } } } as const;

  it('returns the options it knows', () => {
    expect(parseCommandLine(['--year', '2024'], command).values).toEqual({ year: '2024' });
    expect(parseCommandLine(['--help'], command).values).toEqual({ help: true });
  });

  it('refuses an unknown option, a stray argument and a missing value, saying which', () => {
    expect(() => parseCommandLine(['--demo-units', '12'], command)).toThrow(new UsageError('unknown option --demo-units'));
    expect(() => parseCommandLine(['-x'], command)).toThrow(new UsageError('unknown option -x'));
    expect(() => parseCommandLine(['2024'], command)).toThrow(new UsageError('unexpected argument "2024"'));
    expect(() => parseCommandLine(['--year'], command)).toThrow(UsageError);
    const withCommand = { ...command, positionals: ['command'] };
    expect(parseCommandLine(['validate'], withCommand).positionals).toEqual(['validate']);
    expect(() => parseCommandLine(['validate', 'extra'], withCommand)).toThrow(new UsageError('unexpected argument "extra"'));
  });
});

describe('the command-line scripts refuse unknown options', { timeout: 120_000 }, () => {
  it.each([
    ['seed', 'src/store/seed-cli.ts', ['--demo-unit', '12'], '--demo-unit', 'usage: npm run seed'],
    ['report', 'src/report/cli.ts', ['--format', 'pptx', '--out', 'x.pptx', '--demo-units', '12'], '--demo-units', 'usage: npm run report'],
    ['provision', 'src/store/sharepoint/provision-cli.ts', ['--site', 'x'], '--site', 'usage: npm run provision'],
    ['package', 'scripts/app-package/cli.ts', ['package', '--environment', 'dev'], '--environment', 'usage: npm run package'],
    ['validate', 'scripts/app-package/cli.ts', ['validate', '--strict'], '--strict', 'npm run validate'],
  ])('npm run %s', async (_name, script, args, option, usage) => {
    const result = await run(script, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`error: unknown option ${option}`);
    expect(result.stderr).toContain(usage);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('npm run seed -- --help prints the usage and does nothing else', async () => {
    const result = await run('src/store/seed-cli.ts', ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run seed/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
