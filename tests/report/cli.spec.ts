/** The report CLI, spawned as a user runs it (npm run report -- ...), against a temp data dir. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { importSeedFile } from '../../src/store/open.js';
import { tempDataDir } from '../helpers/server.js';
import { parseCsv } from './csv-parse.js';
import { as, UNIT } from './fixture.js';
import { flat, inspectPptx, overflows } from './pptx-inspect.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe('npm run report', { timeout: 240_000 }, () => {
  let dataDir: string;
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        TSX,
        ['src/report/cli.ts', ...args],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, BOT_ENABLED: 'false', ...env },
          encoding: 'utf8',
          timeout: 180_000,
        },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dataDir = tempDataDir();
    const store = openSqliteStore({ file: path.join(dataDir, 'dpo-board.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    await store.startYear({ unitId: UNIT }, as('dpo'));
    await store.addAssessment({ unitId: UNIT, year: 2024, controlPoint: 10, level: 4, comment: 'Förbättrat' }, as('dpo'));
    await store.close();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the deck for a year, closing with the contact stored from the report (the configured one only a fallback)', async () => {
    const out = path.join(dataDir, 'out', 'deck-2024.pptx');
    const result = await run(['--year', '2024', '--format', 'pptx', '--out', out], { REPORT_CONTACT_NAME: 'Kontaktperson Testsson' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*deck-2024\.pptx \(\d+ bytes, \d+ slides\)/);
    const deck = await inspectPptx(fs.readFileSync(out));
    const text = flat(deck.slides.map((s) => s.text).join(' '));
    expect(text).toContain('Dataskyddsombudets årsrapport 2024');
    expect(text).toContain('2 → 4 ↑ höjd');
    expect(flat(deck.slides.at(-1)!.text)).toContain('Anna (Anna-Lena) Björk');
    expect(flat(deck.slides.at(-1)!.text)).not.toContain('Kontaktperson Testsson');
    expect(overflows(deck)).toEqual([]);
  });

  it('writes the workbook and each CSV table', async () => {
    const xlsx = path.join(dataDir, 'board-2023.xlsx');
    const [book, table] = await Promise.all([
      run(['--year', '2023', '--format', 'xlsx', '--out', xlsx, '--lang', 'en']),
      run(['--format', 'csv', '--table', 'activities', '--out', path.join(dataDir, 'activities.csv')]),
    ]);
    expect(book.status).toBe(0);
    expect(table.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Control points', 'Action plan', 'Activities', 'Evidence']);
    expect(workbook.worksheets[0]!.rowCount).toBe(13);

    const csv = path.join(dataDir, 'activities.csv');
    const rows = parseCsv(fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), ';');
    expect(rows[0]!.slice(0, 4)).toEqual(['Nr', 'Kontrollpunkt', 'Aktivitet', 'Läge']);
    expect(rows.slice(1).some((r) => r[2] === 'Aktiviteter pågår inom ramen för projekt.')).toBe(true);
  });

  it('explains its usage and fails on bad arguments or a year the unit lacks', async () => {
    const [missing, badFormat, unknown, noYear] = await Promise.all([
      run(['--format', 'pptx']),
      run(['--format', 'pdf', '--out', 'x.pdf']),
      run(['--format', 'pptx', '--colour', 'red', '--out', 'x']),
      run(['--year', '2019', '--format', 'xlsx', '--out', path.join(dataDir, 'none.xlsx')]),
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--out is required');
    expect(missing.stderr).toContain('usage: npm run report');
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of pptx, xlsx, csv');
    expect(unknown.status).toBe(2);
    expect(noYear.status).toBe(1);
    expect(noYear.stderr).toContain('The report year does not exist.');
    expect(fs.existsSync(path.join(dataDir, 'none.xlsx'))).toBe(false);
  });
});
