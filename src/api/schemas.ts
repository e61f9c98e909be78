/** The shapes the HTTP API accepts. Bounds come from the domain so every path enforces the same limits. */
import { z } from 'zod';
import { ACTIVITY_STATES, INSTRUCTION_STATES } from '../domain/model.js';
import { isIsoDate, isQuarter } from '../domain/period.js';
import { LIMITS } from '../domain/rules.js';

const date = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
const quarter = z.string().refine(isQuarter, { message: 'expected a quarter YYYY-Qn' });
const version = z.number().int().positive();

export const boardQuery = z.object({
  unit: z.string().min(1).max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** POST /api/years: the year to start (the one after the newest when omitted). */
export const newYearBody = z.strictObject({
  year: z.number().int().min(2000).max(2100).optional(),
});

/** Any positive number parses; one that names no control point is a 404, not a 400. */
export const controlPointParam = z.object({ number: z.coerce.number().int().positive() });
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const instructionParam = z.object({ number: z.coerce.number().int().min(1).max(999) });

export const assessmentBody = z.strictObject({
  level: z.number().int(),
  comment: z.string().max(LIMITS.comment).default(''),
});

export const statusUpdateBody = z.strictObject({
  text: z.string().trim().min(1).max(LIMITS.statusText),
  statusDate: date.optional(),
  unitLevel: z.number().int().nullable().default(null),
});

export const newActivityBody = z.strictObject({
  text: z.string().trim().min(1).max(LIMITS.activityText),
  state: z.enum(ACTIVITY_STATES).default('planned'),
  dueFrom: quarter.nullable().default(null),
  dueTo: quarter.nullable().default(null),
  workPackage: z.string().max(100).nullable().default(null),
});

export const activityPatchBody = z
  .strictObject({
    text: z.string().trim().min(1).max(LIMITS.activityText).optional(),
    state: z.enum(ACTIVITY_STATES).optional(),
    dueFrom: quarter.nullable().optional(),
    dueTo: quarter.nullable().optional(),
    workPackage: z.string().max(100).nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'nothing to change' });

export const instructionPatchBody = z
  .strictObject({
    state: z.enum(INSTRUCTION_STATES).optional(),
    plannedQuarter: quarter.nullable().optional(),
    note: z.string().max(LIMITS.note).nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'nothing to change' });

export const controlPointPatchBody = z
  .strictObject({
    workPackages: z.array(z.string().max(100)).max(20).optional(),
    expectedEnd: date.nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'nothing to change' });

export const changesQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
