/**
 * Reads the seed data file (the 2023 report, in Swedish, in seed/) and turns it into a
 * SeedPlan any store can import. The DPO's marks are derived from the X positions with the
 * mapping written in the file itself. Every item of the file names the report's lines it was read
 * from (`reportLines`); they are the reconciliation (seed/RECONCILIATION.md, tests/store/seed-reconciliation.spec.ts)
 * and are not imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ACTIVITY_STATES, INSTRUCTION_STATES, TRAINING_STATES } from '../domain/model.js';
import { isIsoDate, isQuarter } from '../domain/period.js';
import { APP_ROOT } from '../paths.js';
import type { SeedPlan } from './port.js';

export const DEFAULT_SEED_FILE = path.join(APP_ROOT, 'seed/intraservice-2023.json');

const date = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const quarter = z.string().refine(isQuarter, 'expected YYYY-Qn');
/** First and last line of the report (1-based) an item was read from. */
const reportLines = z.tuple([z.number().int().positive(), z.number().int().positive()]);
const texted = z.object({ text: z.string().min(1), reportLines });

const seedSchema = z.object({
  source: z.string(),
  /** The report's text beside this file, whose line numbers `reportLines` give. */
  reportFile: z.string(),
  notes: z.array(z.string()),
  projectReportLines: reportLines,
  dpoMarks: z.object({
    method: z.string(),
    columnToLevel: z.record(z.string(), z.number().int().positive()),
    assessedBy: z.string(),
    assessedByName: z.string(),
    assessedAt: z.iso.datetime(),
    comment: z.string(),
  }),
  /** The unit; its English name is its Swedish one when the file gives none ("Intraservice" is a name in both). */
  unit: z.object({ id: z.string().min(1), name: z.string().min(1), nameEn: z.string().min(1).optional(), organisation: z.string().min(1) }),
  reportYear: z.number().int(),
  project: z.object({ name: z.string(), startDate: date, endDate: date }),
  workPackages: z.array(z.object({ key: z.string(), name: z.string(), expectedEnd: date.nullable(), reportLines })),
  status: z.object({ date, author: z.string(), authorName: z.string() }),
  owner: z.string(),
  focusAreas: z.object({
    focusYear: z.number().int(),
    reportLines,
    controlPoints: z.array(z.object({ number: z.number().int(), reportLines, slideLines: reportLines, text: z.array(texted).optional() })),
  }),
  controlPoints: z
    .array(
      z.object({
        number: z.number().int().min(1).max(12),
        title: z.string().min(1),
        sectionLines: reportLines,
        dpoMarkColumn: z.number().int(),
        dpoMarkLine: z.number().int().positive(),
        workPackages: z.array(z.string()),
        expectedEnd: date.nullable(),
        workPackageLines: reportLines.nullable(),
        status: z.array(texted).min(1),
        activities: z.array(
          texted.extend({
            state: z.enum(ACTIVITY_STATES),
            dueFrom: quarter.optional(),
            dueTo: quarter.optional(),
          }),
        ),
      }),
    )
    .length(12),
  instructions: z
    .array(
      z.object({
        number: z.number().int().min(1),
        title: z.string(),
        state: z.enum(INSTRUCTION_STATES),
        plannedFrom: quarter.optional(),
        plannedQuarter: quarter.optional(),
        group: z.string().optional(),
        note: z.string().optional(),
        reportLines,
        stateLines: reportLines.optional(),
      }),
    )
    .length(31),
  instructionsTotalLines: reportLines,
  actionPlanItems: z.array(
    texted.extend({
      state: z.enum(INSTRUCTION_STATES),
      periodFrom: quarter.optional(),
      periodTo: quarter.optional(),
      dueDate: date.optional(),
      instruction: z.number().int().min(1).optional(),
    }),
  ),
  trainings: z.array(
    z.object({
      title: z.string(),
      state: z.enum(TRAINING_STATES),
      plannedFrom: quarter.optional(),
      plannedQuarter: quarter.optional(),
      reportLines,
    }),
  ),
  subProjects: z.array(z.object({ name: z.string(), reportLines })),
  contact: z.object({
    name: z.string().min(1),
    title: z.string(),
    role: z.string(),
    organisation: z.string(),
    email: z.email(),
    reportLines,
  }),
});

export type SeedFile = z.infer<typeof seedSchema>;

/** The quarter a date falls in: 2025-12-31 -> 2025-Q4. */
function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

function levelFromColumn(seed: SeedFile, column: number, cp: number): number {
  const level = seed.dpoMarks.columnToLevel[String(column)];
  if (level === undefined) throw new Error(`seed: control point ${cp} has a mark at column ${column}, which the mapping lacks`);
  return level;
}

export function planFromSeed(seed: SeedFile): SeedPlan {
  const year = seed.reportYear;
  const marks = seed.dpoMarks;
  const codeOf = (n: number) => `IIFS ${String(n).padStart(2, '0')}`;
  return {
    unit: {
      id: seed.unit.id,
      name: seed.unit.name,
      nameEn: seed.unit.nameEn ?? seed.unit.name,
      organisation: seed.unit.organisation,
      example: false,
      responsible: [],
    },
    year,
    project: seed.project,
    workPackages: seed.workPackages.map((w) => ({ key: w.key, name: w.name, expectedEnd: w.expectedEnd, state: 'ongoing' as const })),
    controlPoints: seed.controlPoints.map((c) => ({
      number: c.number,
      title: c.title,
      owner: seed.owner,
      workPackages: c.workPackages,
      expectedEnd: c.expectedEnd,
    })),
    focusAreas: seed.focusAreas.controlPoints.map((f) => ({
      year,
      focusYear: seed.focusAreas.focusYear,
      controlPoint: f.number,
      text: f.text ? f.text.map((t) => t.text).join('\n') : null,
    })),
    assessments: seed.controlPoints.map((c) => ({
      seedKey: `seed:${seed.unit.id}:${year}:assessment:${c.number}`,
      year,
      controlPoint: c.number,
      level: levelFromColumn(seed, c.dpoMarkColumn, c.number),
      comment: marks.comment,
      assessedBy: marks.assessedBy,
      assessedByName: marks.assessedByName,
      assessedAt: marks.assessedAt,
    })),
    statusUpdates: seed.controlPoints.map((c) => ({
      seedKey: `seed:${seed.unit.id}:${year}:status:${c.number}`,
      year,
      controlPoint: c.number,
      statusDate: seed.status.date,
      text: c.status.map((s) => s.text).join('\n'),
      unitLevel: null,
      author: seed.status.author,
      authorName: seed.status.authorName,
      createdAt: `${seed.status.date}T12:00:00.000Z`,
    })),
    activities: seed.controlPoints.flatMap((c) =>
      c.activities.map((a, i) => ({
        seedKey: `seed:${seed.unit.id}:activity:${c.number}:${i}`,
        controlPoint: c.number,
        text: a.text,
        state: a.state,
        dueFrom: a.dueFrom ?? null,
        dueTo: a.dueTo ?? (c.expectedEnd ? quarterOf(c.expectedEnd) : null),
        workPackage: c.workPackages[0] ?? null,
        position: i,
      })),
    ),
    instructions: seed.instructions.map((i) => ({
      number: i.number,
      code: codeOf(i.number),
      title: i.title,
      state: i.state,
      plannedFrom: i.plannedFrom ?? null,
      plannedQuarter: i.plannedQuarter ?? null,
      group: i.group ?? null,
      note: i.note ?? null,
    })),
    trainings: seed.trainings.map((t, i) => ({
      seedKey: `seed:${seed.unit.id}:training:${i}`,
      title: t.title,
      state: t.state,
      plannedFrom: t.plannedFrom ?? null,
      plannedQuarter: t.plannedQuarter ?? null,
    })),
    actionPlanItems: seed.actionPlanItems.map((a, i) => ({
      seedKey: `seed:${seed.unit.id}:planitem:${i}`,
      text: a.text,
      state: a.state,
      periodFrom: a.periodFrom ?? null,
      periodTo: a.periodTo ?? null,
      dueDate: a.dueDate ?? null,
      instruction: a.instruction ?? null,
      position: i,
    })),
    subProjects: seed.subProjects.map((s, i) => ({ seedKey: `seed:${seed.unit.id}:subproject:${i}`, name: s.name, position: i })),
    contact: {
      name: seed.contact.name,
      title: seed.contact.title,
      role: seed.contact.role,
      organisation: seed.contact.organisation,
      email: seed.contact.email,
    },
  };
}

/** The seed file as written (with its reconciliation: every item's `reportLines`), checked. */
export function parseSeedFile(file = DEFAULT_SEED_FILE): SeedFile {
  const parsed = seedSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`seed file ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function readSeedFile(file = DEFAULT_SEED_FILE): SeedPlan {
  return planFromSeed(parseSeedFile(file));
}
