/**
 * How the seed file read the report (issue 12, item 1: "Om uppgifterna" / "About this data"): the
 * method of reading the DPO's X, every mark's column and report line, and the file's notes on every
 * other interpretation. Kept in the app state at seed import (ScaleSetupService.keepReading), so the
 * about view and the interpreted marks have one source whichever store is configured.
 * src/store/seed.ts turns the same file into the board's data.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { ReportReading } from '../domain/interpretation.js';
import { DEFAULT_SEED_FILE } from './seed.js';

const readingSchema = z.object({
  reportFile: z.string().min(1),
  notes: z.array(z.string().min(1)),
  reportYear: z.number().int(),
  unit: z.object({ id: z.string().min(1) }),
  dpoMarks: z.object({
    method: z.string().min(1),
    columnToLevel: z.record(z.string().regex(/^\d+$/), z.number().int()),
    assessedBy: z.string().min(1),
  }),
  controlPoints: z.array(
    z.object({ number: z.number().int(), title: z.string(), dpoMarkColumn: z.number().int(), dpoMarkLine: z.number().int().positive() }),
  ),
});

export function readingFromSeed(json: unknown): ReportReading {
  const seed = readingSchema.parse(json);
  const columns = Object.keys(seed.dpoMarks.columnToLevel).map(Number);
  return {
    unitId: seed.unit.id,
    year: seed.reportYear,
    reportFile: seed.reportFile,
    method: seed.dpoMarks.method,
    columns: { left: Math.min(...columns), right: Math.max(...columns) },
    marks: seed.controlPoints.map((c) => ({ controlPoint: c.number, title: c.title, column: c.dpoMarkColumn, line: c.dpoMarkLine })),
    interpretedBy: seed.dpoMarks.assessedBy,
    notes: seed.notes,
  };
}

export function readReadingFile(file = DEFAULT_SEED_FILE): ReportReading {
  return readingFromSeed(JSON.parse(fs.readFileSync(file, 'utf8')));
}
