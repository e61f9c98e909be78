/**
 * npm run report -- --all (the city's deck and workbook) and --unit <id> for an example unit, spawned
 * as a user runs them against a temp data dir with the report's unit and three example units; and the
 * usage errors of options that do not go together.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { parseCliArgs } from '../../src/report/cli.js';
import { tempDataDir } from '../helpers/server.js';
import { seedCityFile } from './city-fixture.js';
import { flat, inspectPptx, overflows } from './pptx-inspect.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe('report CLI arguments for the city', () => {
  const refused = (argv: string[]) => {
    try {
      parseCliArgs(argv);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`accepted: ${argv.join(' ')}`);
  };

  it('takes --all for a deck or a workbook, with the city view filters', () => {
    expect(parseCliArgs(['--all', '--format', 'xlsx', '--out', 'x.xlsx', '--focus-only', '--work-package', 'Incident'])).toMatchObject({
      kind: 'city',
      format: 'xlsx',
      filter: { focusOnly: true, workPackage: 'Incident' },
    });
    expect(parseCliArgs(['--unit', 'exempel-01', '--format', 'csv', '--out', 'x.csv'])).toMatchObject({ kind: 'unit', unit: 'exempel-01' });
  });

  it('refuses --unit with --all, a CSV of the city, and options of the other kind of report, saying why', () => {
    expect(refused(['--unit', 'a1', '--all', '--format', 'pptx', '--out', 'x'])).toBe(
      '--unit and --all exclude each other: one unit, or every unit',
    );
    expect(refused(['--all', '--format', 'csv', '--out', 'x'])).toBe('--format (with --all) must be one of pptx, xlsx');
    expect(refused(['--all', '--format', 'pptx', '--out', 'x', '--table', 'board'])).toMatch(/^--table goes with --unit/);
    expect(refused(['--format', 'pptx', '--out', 'x', '--overdue-only'])).toMatch(/^--overdue-only goes with --all/);
  });
});

describe('npm run report -- --all', { timeout: 240_000 }, () => {
  let dataDir: string;
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        TSX,
        ['src/report/cli.ts', ...args],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, BOT_ENABLED: 'false' },
          encoding: 'utf8',
          timeout: 180_000,
        },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dataDir = tempDataDir();
    await seedCityFile(path.join(dataDir, 'dpo-board.sqlite'), 3);
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the city deck and workbook over every unit', async () => {
    const deckFile = path.join(dataDir, 'out', 'city.pptx');
    const deck = await run(['--all', '--format', 'pptx', '--out', deckFile]);
    expect(deck.stderr).toBe('');
    expect(deck.status).toBe(0);
    expect(deck.stdout).toMatch(/^wrote .*city\.pptx \(\d+ bytes, \d+ slides\)/);
    const file = await inspectPptx(fs.readFileSync(deckFile));
    const heat = flat(file.slides[1]!.text);
    expect(file.slides[1]!.title).toMatch(/^Värmekarta \d{4}: dataskyddsombudets nivå per kontrollpunkt$/);
    for (const unit of ['Intraservice', 'Exempel 01 – ', 'Exempel 02 – ', 'Exempel 03 – ']) expect(heat).toContain(unit);
    expect(overflows(file)).toEqual([]);

    const bookFile = path.join(dataDir, 'out', 'city.xlsx');
    const book = await run(['--all', '--format', 'xlsx', '--lang', 'en', '--out', bookFile]);
    expect(book.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(bookFile);
    expect(workbook.getWorksheet('Heat map')!.rowCount).toBeGreaterThanOrEqual(5);
  });

  it('writes an example unit\'s own deck, named with "(exempel)", and stops --unit with --all with the usage', async () => {
    const out = path.join(dataDir, 'out', 'exempel-02.pptx');
    const result = await run(['--unit', 'exempel-02', '--format', 'pptx', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const title = flat((await inspectPptx(fs.readFileSync(out))).slides[0]!.text);
    expect(title).toMatch(/Exempel 02 – .+ \(exempel\)/);

    const both = await run(['--unit', 'exempel-02', '--all', '--format', 'pptx', '--out', out]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--unit and --all exclude each other');
    expect(both.stderr).toContain('usage: npm run report');
  });
});
