import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_FILE, parseSeedFile, readSeedFile, type SeedFile } from '../../src/store/seed.js';
import { tempDataDir } from '../helpers/server.js';

const raw: SeedFile = parseSeedFile();

function writeVariant(change: (seed: SeedFile) => void): string {
  const copy = structuredClone(raw);
  change(copy);
  const file = path.join(tempDataDir(), 'seed.json');
  fs.writeFileSync(file, JSON.stringify(copy));
  return file;
}

describe('the seed file', () => {
  it('writes down the mapping from X position to level, and every mark follows it', () => {
    expect(raw.dpoMarks.method).toMatch(/nivå = avrundning\(\(läge - 4\) \/ 6 \* 4\) \+ 1/);
    for (const [column, level] of Object.entries(raw.dpoMarks.columnToLevel)) {
      expect(level).toBe(Math.round(((Number(column) - 4) / 6) * 4) + 1);
    }
    const plan = readSeedFile();
    for (const cp of raw.controlPoints) {
      const level = plan.assessments.find((a) => a.controlPoint === cp.number)?.level;
      expect(level).toBe(raw.dpoMarks.columnToLevel[String(cp.dpoMarkColumn)]);
    }
  });

  it('matches the X positions in the report text', () => {
    const report = fs.readFileSync(path.join(path.dirname(DEFAULT_SEED_FILE), raw.reportFile), 'utf8');
    const section = report.slice(report.indexOf(' Kontrollpunkt 1 - 12'));
    const columns = [...section.matchAll(/Dataskyddsombud\n+([ \u00a0]*)X/g)].map((m) => m[1]!.length);
    expect(columns).toEqual(raw.controlPoints.map((c) => c.dpoMarkColumn));
  });

  it('gives each activity without a period its control point’s expected end and first work package', () => {
    const plan = readSeedFile();
    const first = plan.activities.find((a) => a.controlPoint === 2 && a.state === 'ongoing');
    expect(first).toMatchObject({ dueTo: '2025-Q2', workPackage: 'Incident' });
    const ownPeriod = plan.activities.find((a) => a.text.startsWith('Närmast är att säkerställa olika roller'));
    expect(ownPeriod).toMatchObject({ dueFrom: '2024-Q4', dueTo: '2025-Q2' });
  });

  it('refuses a mark at a position the mapping lacks', () => {
    const file = writeVariant((s) => {
      s.controlPoints[0]!.dpoMarkColumn = 11;
    });
    expect(() => readSeedFile(file)).toThrow(/control point 1 .*column 11/);
  });

  it('refuses a malformed file with the field named', () => {
    const file = writeVariant((s) => {
      s.instructions.pop();
    });
    expect(() => readSeedFile(file)).toThrow(/instructions/);
  });
});
