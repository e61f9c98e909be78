/**
 * The shapes the HTTP API accepts. Bounds come from the domain so every path enforces the same limits.
 * Failures are said in Swedish and English by src/words/input.ts (parse() in ./errors.ts), not by zod.
 */
import { z } from 'zod';
import { EVIDENCE_KINDS, EVIDENCE_LIMITS } from '../domain/evidence.js';
import { ACTIVITY_STATES, INSTRUCTION_STATES, UNIT_PERSON_ROLES } from '../domain/model.js';
import { isIsoDate, isQuarter } from '../domain/period.js';
import { LIMITS } from '../domain/rules.js';
import { normalizeNewlines } from '../domain/text.js';
import { UNIT_LIMITS } from '../domain/units.js';
import type { CheckName } from '../words/input.js';

/** A refinement's check, said in words by the catalog (src/words/input.ts). */
type Check = { check: CheckName };

const date = z.string().refine(isIsoDate, { params: { check: 'date' } satisfies Check });
const quarter = z.string().refine(isQuarter, { params: { check: 'quarter' } satisfies Check });
const version = z.number().int().positive();

/**
 * A whole number in a path or query: decimal digits only, so `0x2`, `1e0`, ` 2`, `+2` and `2.0`
 * (all of which Number() reads as 2) are refused rather than taken for another number.
 */
export const digits = z
  .string()
  .refine((s) => /^[0-9]{1,9}$/.test(s), { params: { check: 'digits' } satisfies Check })
  .transform(Number);

/** A day (YYYY-MM-DD) in a query, such as a report's as-of date. */
export const dateParam = date;

/** A report year in a query. */
export const yearParam = digits.pipe(z.number().min(2000).max(2100));

/** Typed text: Windows line ends become newlines; control characters are refused by the domain rules. */
const typed = (max: number) => z.string().trim().min(1).max(max).transform(normalizeNewlines);

export const boardQuery = z.object({
  unit: z.string().min(1).max(100).optional(),
  year: yearParam.optional(),
});

/** POST /api/years: the year to start (the one after the newest when omitted). */
export const newYearBody = z.strictObject({
  year: z.number().int().min(2000).max(2100).optional(),
});

/** Any positive number parses; one that names no control point is a 404, not a 400. */
export const controlPointParam = z.object({ number: digits.pipe(z.number().positive()) });
export const idParam = z.object({ id: digits.pipe(z.number().positive()) });
export const instructionParam = z.object({ number: digits.pipe(z.number().min(1).max(999)) });

/** Evidence on a control point: the https rule and the kinds are the domain's (checkNewEvidence), said in both languages there. */
export const evidenceBody = z.strictObject({
  title: typed(EVIDENCE_LIMITS.title),
  url: z.string().trim().min(1).max(EVIDENCE_LIMITS.url),
  kind: z.enum(EVIDENCE_KINDS),
  date,
});
/** A link's row id or a library file's `file:<item id>`. */
export const evidenceParam = z.object({ number: digits.pipe(z.number().positive()), id: z.string().min(1).max(200) });

export const assessmentBody = z.strictObject({
  level: z.number().int(),
  comment: z.string().max(LIMITS.comment).transform(normalizeNewlines).default(''),
});

export const statusUpdateBody = z.strictObject({
  text: typed(LIMITS.statusText),
  statusDate: date.optional(),
  unitLevel: z.number().int().nullable().default(null),
});

export const newActivityBody = z.strictObject({
  text: typed(LIMITS.activityText),
  state: z.enum(ACTIVITY_STATES).default('planned'),
  dueFrom: quarter.nullable().default(null),
  dueTo: quarter.nullable().default(null),
  workPackage: z.string().max(100).nullable().default(null),
});

export const activityPatchBody = z
  .strictObject({
    text: typed(LIMITS.activityText).optional(),
    state: z.enum(ACTIVITY_STATES).optional(),
    dueFrom: quarter.nullable().optional(),
    dueTo: quarter.nullable().optional(),
    workPackage: z.string().max(100).nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

export const instructionPatchBody = z
  .strictObject({
    state: z.enum(INSTRUCTION_STATES).optional(),
    plannedFrom: quarter.nullable().optional(),
    plannedQuarter: quarter.nullable().optional(),
    note: z.string().max(LIMITS.note).transform(normalizeNewlines).nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

/** An item of the action plan (neither an instruction nor a training); the CISO and editors add it. */
export const newActionPlanItemBody = z.strictObject({
  text: typed(LIMITS.activityText),
  state: z.enum(INSTRUCTION_STATES).default('planned'),
  periodFrom: quarter.nullable().default(null),
  periodTo: quarter.nullable().default(null),
  dueDate: date.nullable().default(null),
  instruction: z.number().int().min(1).max(999).nullable().default(null),
});

export const actionPlanItemPatchBody = z
  .strictObject({
    text: typed(LIMITS.activityText).optional(),
    state: z.enum(INSTRUCTION_STATES).optional(),
    periodFrom: quarter.nullable().optional(),
    periodTo: quarter.nullable().optional(),
    dueDate: date.nullable().optional(),
    instruction: z.number().int().min(1).max(999).nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

/** The unit's contact (the report's closing slide); the DPO sets it. */
export const contactPatchBody = z
  .strictObject({
    name: typed(LIMITS.contactField).optional(),
    title: z.string().trim().max(LIMITS.contactField).optional(),
    role: z.string().trim().max(LIMITS.contactField).optional(),
    organisation: z.string().trim().max(LIMITS.contactField).optional(),
    email: z.email().max(LIMITS.contactField).optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

export const controlPointPatchBody = z
  .strictObject({
    workPackages: z.array(z.string().max(100)).max(20).optional(),
    expectedEnd: date.nullable().optional(),
    version: version.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

export const changesQuery = z.object({
  since: digits.default(0),
  limit: digits.pipe(z.number().min(1).max(500)).default(100),
});

/** A unit's person responsible; the domain checks the e-mail and trims (src/domain/units.ts). */
const unitPerson = z.strictObject({
  role: z.enum(UNIT_PERSON_ROLES),
  name: z.string().max(UNIT_LIMITS.personName),
  email: z.string().max(UNIT_LIMITS.email),
  aadObjectId: z.string().trim().max(64).optional(),
});
const unitText = z.string().max(UNIT_LIMITS.name);

/** A new unit (manageUnits in every unit): its id is checked as a slug by the domain, with words for what is wrong. */
export const newUnitBody = z.strictObject({
  id: z.string().max(40),
  name: unitText,
  nameEn: unitText,
  organisation: z.string().max(UNIT_LIMITS.organisation),
  responsible: z.array(unitPerson).max(UNIT_LIMITS.people).default([]),
  year: z.number().int().min(2000).max(2100).optional(),
});

/** A unit renamed, re-staffed, archived or restored under the version read. */
export const unitPatchBody = z
  .strictObject({
    name: unitText.optional(),
    nameEn: unitText.optional(),
    organisation: z.string().max(UNIT_LIMITS.organisation).optional(),
    responsible: z.array(unitPerson).max(UNIT_LIMITS.people).optional(),
    archived: z.boolean().optional(),
    version,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { check: 'nothingToChange' } satisfies Check });

export const unitParam = z.object({ id: z.string().min(1).max(40) });
