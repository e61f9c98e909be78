/**
 * The seed reconciled line by line (issue 12): every item of seed/intraservice-2023.json names the
 * report's lines it was read from (`reportLines`, first and last line, 1-based), and those lines hold
 * the text the item claims. The report is the slide text in seed/dpo-annual-report-2023.txt (a copy
 * of shared/seed/dpo-annual-report-2023.txt; line numbers as `nl -ba` prints them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_FILE, parseSeedFile, readSeedFile } from '../../src/store/seed.js';

type Lines = [number, number];
const seed = parseSeedFile();
const report = fs.readFileSync(path.join(path.dirname(DEFAULT_SEED_FILE), seed.reportFile), 'utf8').split('\n');

/** Letters and digits only, lower case: line breaks, hyphenation, bullets, spacing and a final period do not count. */
const plain = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
function linesOf([first, last]: Lines): string {
  expect(first, 'first line').toBeGreaterThanOrEqual(1);
  expect(last, 'last line').toBeGreaterThanOrEqual(first);
  expect(last, 'last line').toBeLessThanOrEqual(report.length);
  return report.slice(first - 1, last).join('\n');
}
function expectFrom(lines: Lines, text: string): void {
  expect(plain(linesOf(lines)), `report lines ${lines[0]}–${lines[1]}`).toContain(plain(text));
}

describe('the seed, reconciled with the report line by line', () => {
  it('gives every control point its section, its X and the sentences of its status and activities', () => {
    for (const cp of seed.controlPoints) {
      expectFrom(cp.sectionLines, `Kontrollpunkt ${cp.number}: ${cp.title}`);
      const x = report[cp.dpoMarkLine - 1]!;
      expect(x.trimEnd().endsWith('X') && x.replace(/[ \u00a0]/g, '')).toBe('X');
      expect(x.indexOf('X'), `the X of control point ${cp.number}`).toBe(cp.dpoMarkColumn);
      for (const item of [...cp.status, ...cp.activities]) {
        expectFrom(item.reportLines, item.text);
        expect(item.reportLines[0]).toBeGreaterThanOrEqual(cp.sectionLines[0]);
      }
      if (cp.workPackageLines) expect(plain(linesOf(cp.workPackageLines))).toMatch(/huvudpaket.*(framtill|pågåfram)/);
    }
  });

  it('keeps the report’s wording that an earlier import changed or dropped', () => {
    const texts = (n: number) => seed.controlPoints[n - 1]!.activities.map((a) => a.text);
    expect(texts(1)).toContain(
      'Närmast är att säkerställa olika roller med tillhörande ansvar och mandat vilket kommer pågå under Q4 2024 – Q2 2025.',
    );
    expect(texts(1).some((t) => t.includes('Ett flertal leveranser kommer att ske under denna period'))).toBe(true);
    expect(texts(2).slice(0, 2)).toEqual([
      'Ytterligare aktiviteter är planerade inom ramen för projekt.',
      'Preliminär tidplan för projektaktiviteter = februari 2024 – juni 2025.',
    ]);
  });

  it('takes control point 7’s focus-slide activities as the focus area’s text, beside its own section’s', () => {
    const focus = seed.focusAreas.controlPoints.find((f) => f.number === 7);
    expect(focus?.text).toHaveLength(4);
    for (const item of focus?.text ?? []) {
      expectFrom(item.reportLines, item.text);
      expect(item.reportLines[0]).toBeGreaterThanOrEqual(144);
      expect(item.reportLines[1]).toBeLessThanOrEqual(158);
    }
    expect(readSeedFile().focusAreas.find((f) => f.controlPoint === 7)?.text).toContain('Integritetspolicy kommer att ses över');
  });

  it('reads the action plan from its slide: instructions, trainings, items that are neither, sub-projects', () => {
    for (const i of seed.instructions) {
      expectFrom(i.reportLines, `IIFS ${String(i.number).padStart(2, '0')} ${i.title}`);
      if (i.state === 'notStated') expect(i.stateLines === undefined || i.group === 'Teknisk säkerhet').toBe(true);
      else expect(i.stateLines, `IIFS ${i.number} names where its state is read`).toBeDefined();
    }
    for (const n of [1, 2, 3, 4]) expect(linesOf(seed.instructions[n - 1]!.stateLines!)).toMatch(/^§ /);
    expectFrom(
      seed.instructions[9]!.stateLines!,
      'Pågående / planerade Q4 2024 & Q1 2025 Utbildningar Anvisning för kontinuitetshantering',
    );
    for (const t of seed.trainings) expectFrom(t.reportLines, t.title);
    for (const a of seed.actionPlanItems) expectFrom(a.reportLines, a.text);
    expectFrom(seed.actionPlanItems[0]!.reportLines, '(2024-12-31)');
    for (const s of seed.subProjects) expectFrom(s.reportLines, s.name);
    expectFrom(seed.instructionsTotalLines, '31st Anvisningar ingår i Ledningssystemet');
  });

  it('reads the project, the work packages, the focus areas and the contact where the report says them', () => {
    expectFrom(
      seed.projectReportLines,
      `${seed.project.name} – Projektet pågår sedan ${seed.project.startDate} och beräknas pågå till ${seed.project.endDate}`,
    );
    for (const w of seed.workPackages) {
      expect(plain(linesOf(w.reportLines))).toContain('huvudpaket');
      expect(plain(linesOf(w.reportLines))).toContain(plain(w.name.split(' ')[0]!));
    }
    for (const f of seed.focusAreas.controlPoints) {
      expectFrom(f.reportLines, `Kontrollpunkt ${f.number}`);
      expectFrom(f.slideLines, `Kontrollpunkt ${f.number}`);
    }
    const { reportLines, ...contact } = seed.contact;
    for (const value of Object.values(contact)) expectFrom(reportLines, value);
  });

  it('keeps import notes out of displayed texts (they stay in the notes and RECONCILIATION.md)', () => {
    const plan = readSeedFile();
    const shown = [
      ...plan.activities.map((a) => a.text),
      ...plan.statusUpdates.map((s) => s.text),
      ...plan.instructions.map((i) => i.note ?? ''),
      ...plan.trainings.map((t) => t.title),
      ...plan.actionPlanItems.map((a) => a.text),
    ];
    for (const text of shown) expect(text).not.toMatch(/rapporten anger|\(tolkning|vår tolkning/i);
  });
});
