/**
 * Example units for trying the city view (issue 14, item 1; contract C6): `npm run seed -- --demo-units N`
 * and the benches' city case (bench/city-fixture.ts).
 *
 * The plan is generated, never read from anywhere but the report's fixed parts (the twelve control point
 * titles, the work packages, the 31 IIFS instructions), and is deterministic: a small seeded PRNG
 * (mulberry32) per unit, no Math.random, no clock. Unit n's data depends only on the seed and n, so
 * the plan for 5 units is the first 5 of the plan for 12 and a second run adds nothing.
 *
 * Everything is marked as an example: ids `exempel-01`.., names "Exempel 01 – …" / "Example 01 – …",
 * `example: true`, and every generated text that could pass for a real one ends in "(exempel)".
 * The marks are the named example assessor's ("Exempel-DPO"), never read from a report, so never interpreted.
 */
import type { IsoDate, Quarter, Unit } from '../domain/model.js';
import type { WriteContext } from '../domain/rules.js';
import { importSeedFile, seedContext } from './open.js';
import { IMPORT_KINDS, type BoardStore, type ImportResult, type SeedPlan } from './port.js';
import { readSeedFile } from './seed.js';

/** How many example units one run may add, and how many years of history each may get. */
export const DEMO_UNIT_LIMITS = { units: { min: 1, max: 60 }, years: { min: 1, max: 10 } } as const;
export const DEFAULT_DEMO_YEARS = 3;
export const DEFAULT_DEMO_SEED = 2023;
/** The mark every generated text carries. */
export const EXAMPLE_MARK = '(exempel)';
/** Who the generated marks are recorded as. */
export const DEMO_ASSESSOR = { id: 'exempel-dpo', name: 'Exempel-DPO' } as const;

export interface DemoUnitsOptions {
  /** Years of history per unit, ending with the report's year (default 3: 2021–2023). */
  years?: number;
  /** The PRNG's seed; the same seed gives the same plan, byte for byte. */
  seed?: number;
  /** Levels of the scale the marks are placed on (default 5, the default scale). */
  levels?: number;
  /** The report's plan, for the fixed parts (control point titles, work packages, instructions). */
  base?: SeedPlan;
}

export interface DemoUnitPlan {
  unit: Unit;
  /** One plan per report year, oldest first; the first carries the unit's own parts (control points, activities, plan). */
  plans: SeedPlan[];
  /** The fixed date the generated work is due against ("some overdue"): the end of the month the newest year's statuses are given in. */
  asOf: IsoDate;
}

/** Service names: invented, plausible Swedish administrations (first 30) and districts with invented place names. */
const SERVICES: readonly [string, string][] = [
  ['Kulturförvaltningen', 'Culture Administration'],
  ['Idrotts- och föreningsförvaltningen', 'Sports and Associations Administration'],
  ['Miljöförvaltningen', 'Environment Administration'],
  ['Stadsbyggnadsförvaltningen', 'City Planning Administration'],
  ['Trafikförvaltningen', 'Traffic Administration'],
  ['Utbildningsförvaltningen', 'Education Administration'],
  ['Förskoleförvaltningen', 'Preschool Administration'],
  ['Grundskoleförvaltningen', 'Compulsory School Administration'],
  ['Vuxenutbildningsförvaltningen', 'Adult Education Administration'],
  ['Socialförvaltningen', 'Social Services Administration'],
  ['Äldreförvaltningen', 'Elderly Care Administration'],
  ['Funktionsstödsförvaltningen', 'Disability Support Administration'],
  ['Arbetsmarknadsförvaltningen', 'Labour Market Administration'],
  ['Fastighetsförvaltningen', 'Property Administration'],
  ['Lokalförvaltningen', 'Premises Administration'],
  ['Kretslopps- och vattenförvaltningen', 'Recycling and Water Administration'],
  ['Park- och naturförvaltningen', 'Parks and Nature Administration'],
  ['Konsumentförvaltningen', 'Consumer Affairs Administration'],
  ['Stadsledningskontoret', 'City Executive Office'],
  ['Räddningstjänstförvaltningen', 'Rescue Services Administration'],
  ['Överförmyndarförvaltningen', 'Chief Guardian Administration'],
  ['Upphandlingsförvaltningen', 'Procurement Administration'],
  ['Serviceförvaltningen', 'Service Administration'],
  ['Stadsarkivet', 'City Archives'],
  ['Kommunikationsförvaltningen', 'Communications Administration'],
  ['Näringslivsförvaltningen', 'Business Development Administration'],
  ['Bostadsförvaltningen', 'Housing Administration'],
  ['Gymnasieförvaltningen', 'Upper Secondary School Administration'],
  ['Digitaliseringsförvaltningen', 'Digitalisation Administration'],
  ['Revisionskontoret', 'Audit Office'],
  ...[
    'Ekbacken',
    'Björkdalen',
    'Lindhagen',
    'Sjöviken',
    'Granhöjden',
    'Hagaberg',
    'Tallmon',
    'Strandvik',
    'Åkerslund',
    'Mossängen',
    'Rönnbäcken',
    'Vallmodalen',
    'Kastanjeberg',
    'Ängsvik',
    'Lönnkulla',
    'Havtornsviken',
    'Hasselslätt',
    'Ljungheden',
    'Skogsbrynet',
    'Klöverdal',
    'Nyponbacken',
    'Sälgmon',
    'Vassviken',
    'Tranbärsmossen',
    'Enebacken',
    'Blåbärsdalen',
    'Kvarnbäcken',
    'Bokskogen',
    'Gullvivebacken',
    'Körsbärsdalen',
  ].map((place): [string, string] => [`Stadsdelsförvaltning ${place}`, `District Administration ${place}`]),
];

const STATUS_TEXTS: readonly string[][] = [
  // By how far along the unit is: low, middle, high third of the scale.
  [
    'Arbetet har inte kommit igång; ansvar och resurser saknas ännu.',
    'En nulägesanalys är påbörjad men inte klar.',
    'Frågan är lyft i ledningsgruppen; en plan tas fram under året.',
  ],
  [
    'Rutin finns men används inte fullt ut i alla verksamheter.',
    'Arbete pågår inom ramen för projektet; delar är införda.',
    'Dokumentation finns för de flesta verksamheter; uppföljning återstår.',
  ],
  [
    'Rutinen är införd och följs upp årligen.',
    'Arbetet är etablerat i linjen och ingår i ledningens uppföljning.',
    'Samtliga verksamheter arbetar enligt rutinen; förbättringar pågår.',
  ],
];

const ACTIVITY_VERBS: readonly string[] = [
  'Ta fram rutin för',
  'Utbilda chefer i',
  'Inventera verksamheternas behov inom',
  'Följa upp arbetet med',
  'Uppdatera styrdokument för',
  'Införa systemstöd för',
];

const TRAININGS: readonly string[] = [
  'Grundutbildning i dataskydd för medarbetare',
  'Informationsklassning för chefer',
  'Incidenthantering för förvaltningens kontaktpersoner',
  'Konsekvensbedömning (DPIA) i praktiken',
  'Informationssäkerhet i upphandling',
];

const PLAN_ITEMS: readonly string[] = [
  'Införande av register över personuppgiftsbehandlingar',
  'Översyn av biträdesavtal med leverantörer',
  'Genomgång av gallringsbeslut',
  'Etablering av nätverk för informationssäkerhetssamordnare',
];

const SUB_PROJECTS: readonly string[] = ['Ansvar/Roller/Mandat', 'Kontinuitetshantering', 'Informationsklassning', 'Behörighetsstyrning'];

/** mulberry32: a tiny 32-bit PRNG, enough for plausible example data (not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a text, so that each unit draws from its own stream (unit n does not depend on how many come before). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

function random(seed: number, unitId: string): Random {
  const next = mulberry32(hash(`${seed}:${unitId}`));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]! };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
export const demoUnitId = (n: number) => `exempel-${pad2(n)}`;
const marked = (text: string) => `${text} ${EXAMPLE_MARK}`;

/** Quarters as a running number, so that "4 quarters before" is a subtraction. */
const quarterIndex = (q: Quarter) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
const quarterAt = (index: number): Quarter => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
const quarterOfDate = (date: IsoDate): Quarter => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** Checks the plan's bounds; the message is the seed CLI's usage error. */
export function demoUnitsProblem(n: number, years: number): string | null {
  const { units, years: y } = DEMO_UNIT_LIMITS;
  if (!Number.isInteger(n) || n < units.min || n > units.max) return `--demo-units takes a whole number from ${units.min} to ${units.max}`;
  if (!Number.isInteger(years) || years < y.min || years > y.max) return `--years takes a whole number from ${y.min} to ${y.max}`;
  return null;
}

/** N example units with `years` of history each, ending with the report's year. Deterministic. */
export function demoUnitsPlan(n: number, options: DemoUnitsOptions = {}): DemoUnitPlan[] {
  const years = options.years ?? DEFAULT_DEMO_YEARS;
  const problem = demoUnitsProblem(n, years);
  if (problem) throw new RangeError(problem);
  const base = options.base ?? readSeedFile();
  const levels = options.levels ?? 5;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  return Array.from({ length: n }, (_, i) => planUnit(i + 1, { base, levels, seed, years }));
}

interface UnitContext {
  base: SeedPlan;
  levels: number;
  seed: number;
  years: number;
}

function planUnit(n: number, context: UnitContext): DemoUnitPlan {
  const { base, levels, years, seed } = context;
  const id = demoUnitId(n);
  // Separate streams, so that a part does not depend on how many years are asked for (a second run with more
  // years adds the older years and nothing else).
  const stream = (part: string) => random(seed, `${id}:${part}`);
  const [sv, en] = SERVICES[n - 1]!;
  const ciso = `CISO Exempel ${pad2(n)}`;
  const unit: Unit = {
    id,
    name: `Exempel ${pad2(n)} – ${sv}`,
    nameEn: `Example ${pad2(n)} – ${en}`,
    organisation: base.unit.organisation,
    archived: false,
    example: true,
    responsible: [
      { role: 'dpo', name: DEMO_ASSESSOR.name, email: 'dataskyddsombud@exempel.example' },
      { role: 'ciso', name: ciso, email: `ciso@${id}.example` },
    ],
    version: 1,
  };
  const lastYear = base.year;
  const yearList = Array.from({ length: years }, (_, i) => lastYear - years + 1 + i);
  const asOf = `${lastYear + 1}-11-30`;
  const marks = markHistory(stream, lastYear, years, levels);
  const parts = unitParts(stream('unit'), { unit, base, asOf, ciso });
  const plans = yearList.map((year, y): SeedPlan => {
    const yearly = yearParts(stream(`year:${year}`), { unit, year, levels: marks.get(year)!, ciso, levelCount: levels });
    return { unit, year, ...(y === 0 ? parts : { ...parts, ...EMPTY_UNIT_PARTS }), ...yearly };
  });
  return { unit, plans, asOf };
}

/** A status given in the autumn after the report year (the report's own: 2024-11-06 for 2023). */
function statusDate(year: number, day: number): IsoDate {
  return `${year + 1}-11-${pad2(day)}`;
}

/**
 * Each control point's level per year (null: not assessed that year): a random walk that drifts upward over
 * the years, drawn from the newest year backwards, so that a year's marks are the same however many years are asked for.
 */
function markHistory(stream: (part: string) => Random, lastYear: number, years: number, levels: number): Map<number, (number | null)[]> {
  const newest = stream('marks');
  let current = Array.from({ length: 12 }, () => newest.int(1, levels));
  const history = new Map<number, (number | null)[]>();
  for (let year = lastYear; year > lastYear - years; year--) {
    const walk = stream(`marks:${year}`);
    history.set(
      year,
      current.map((level) => (walk.next() < 0.06 ? null : level)),
    );
    current = current.map((level) => Math.min(levels, Math.max(1, level - step(walk.next()))));
  }
  return history;
}

const step = (r: number) => (r < 0.15 ? -1 : r < 0.55 ? 0 : 1);

type UnitParts = Pick<
  SeedPlan,
  'project' | 'workPackages' | 'controlPoints' | 'activities' | 'instructions' | 'trainings' | 'actionPlanItems' | 'subProjects' | 'contact'
>;

/** Later years' plans leave the unit's own parts to the first (imports add only what is missing anyway). */
const EMPTY_UNIT_PARTS: Omit<UnitParts, 'project' | 'controlPoints' | 'workPackages'> = {
  activities: [],
  instructions: [],
  trainings: [],
  actionPlanItems: [],
  subProjects: [],
  contact: null,
};

function unitParts(rnd: Random, u: { unit: Unit; base: SeedPlan; asOf: IsoDate; ciso: string }): UnitParts {
  const { unit, base, asOf, ciso } = u;
  const now = quarterIndex(quarterOfDate(asOf));
  const asOfYear = Number(asOf.slice(0, 4));
  const workPackages = base.workPackages.map((w) => {
    const expectedEnd = `${asOfYear + rnd.int(-1, 2)}-${rnd.pick(['06-30', '12-31'])}`;
    return {
      key: w.key,
      name: w.name,
      expectedEnd,
      state: expectedEnd < asOf && rnd.next() < 0.4 ? ('done' as const) : ('ongoing' as const),
    };
  });
  const endOf = new Map(workPackages.map((w) => [w.key, w.expectedEnd]));
  const controlPoints = base.controlPoints.map((c) => ({
    number: c.number,
    title: c.title,
    owner: ciso,
    workPackages: c.workPackages,
    expectedEnd: c.workPackages
      .map((k) => endOf.get(k) ?? null)
      .reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null),
  }));
  const activities = controlPoints.flatMap((c) =>
    Array.from({ length: rnd.int(1, 3) }, (_, position) => {
      const state = rnd.pick(['done', 'done', 'ongoing', 'ongoing', 'ongoing', 'planned'] as const);
      // Done work lies behind; ongoing and planned work is mostly ahead, some of it past due (overdue).
      const due = state === 'done' ? now - rnd.int(1, 8) : now + rnd.int(state === 'planned' ? -2 : -4, 8);
      return {
        seedKey: `seed:${unit.id}:activity:${c.number}:${position}`,
        controlPoint: c.number,
        text: marked(`${rnd.pick(ACTIVITY_VERBS)} ${c.title.toLowerCase()}`),
        state,
        dueFrom: quarterAt(due - rnd.int(1, 3)),
        dueTo: quarterAt(due),
        workPackage: c.workPackages[0] ?? null,
        position,
      };
    }),
  );
  const instructions = base.instructions.map((i) => {
    const r = rnd.next();
    const state = r < 0.5 ? ('done' as const) : r < 0.8 ? ('ongoing' as const) : ('planned' as const);
    const planned = state === 'done' ? null : quarterAt(now + rnd.int(-2, 5));
    return {
      number: i.number,
      code: i.code,
      title: i.title,
      state,
      plannedFrom: null,
      plannedQuarter: planned,
      group: i.group,
      note: null,
    };
  });
  const trainings = pickSome(rnd, TRAININGS, 3).map((title, i) => {
    const done = rnd.next() < 0.5;
    return {
      seedKey: `seed:${unit.id}:training:${i}`,
      title: marked(title),
      state: done ? ('done' as const) : ('planned' as const),
      plannedFrom: null,
      plannedQuarter: done ? null : quarterAt(now + rnd.int(1, 4)),
    };
  });
  const actionPlanItems = pickSome(rnd, PLAN_ITEMS, 2).map((text, position) => {
    const from = now + rnd.int(-3, 2);
    return {
      seedKey: `seed:${unit.id}:planitem:${position}`,
      text: marked(text),
      state: rnd.pick(['ongoing', 'planned'] as const),
      periodFrom: quarterAt(from),
      periodTo: quarterAt(from + rnd.int(0, 2)),
      dueDate: null,
      instruction: null,
      position,
    };
  });
  const subProjects = pickSome(rnd, SUB_PROJECTS, 2).map((name, position) => ({
    seedKey: `seed:${unit.id}:subproject:${position}`,
    name: marked(name),
    position,
  }));
  return {
    project: {
      name: marked('Etablera systematiskt informationssäkerhetsarbete'),
      startDate: `${asOfYear - 2}-01-01`,
      endDate: `${asOfYear + 2}-12-31`,
    },
    workPackages,
    controlPoints,
    activities,
    instructions,
    trainings,
    actionPlanItems,
    subProjects,
    contact: {
      name: marked(ciso),
      title: 'Informationssäkerhetsansvarig (CISO)',
      role: marked('Informationssäkerhetssamordnare'),
      organisation: unit.name,
      email: `ciso@${unit.id}.example`,
    },
  };
}

/** `count` different items, in a random order. */
function pickSome<T>(rnd: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  return Array.from({ length: Math.min(count, pool.length) }, () => pool.splice(rnd.int(0, pool.length - 1), 1)[0]!);
}

type YearParts = Pick<SeedPlan, 'assessments' | 'statusUpdates' | 'focusAreas'>;

function yearParts(rnd: Random, y: { unit: Unit; year: number; levels: (number | null)[]; ciso: string; levelCount: number }): YearParts {
  const { unit, year, levels, ciso, levelCount } = y;
  const assessedAt = `${year + 1}-0${rnd.int(1, 3)}-${pad2(rnd.int(1, 28))}T09:00:00.000Z`;
  const day = rnd.int(1, 28);
  const assessments = levels.flatMap((level, i) =>
    level === null
      ? []
      : [
          {
            seedKey: `seed:${unit.id}:${year}:assessment:${i + 1}`,
            year,
            controlPoint: i + 1,
            level,
            comment: marked(`Dataskyddsombudets bedömning för ${year}.`),
            assessedBy: DEMO_ASSESSOR.id,
            assessedByName: DEMO_ASSESSOR.name,
            assessedAt,
          },
        ],
  );
  const band = (level: number | null) => (level === null ? 0 : Math.min(2, Math.floor(((level - 1) * 3) / levelCount)));
  const statusUpdates = levels.map((level, i) => ({
    seedKey: `seed:${unit.id}:${year}:status:${i + 1}`,
    year,
    controlPoint: i + 1,
    statusDate: statusDate(year, day),
    text: marked(rnd.pick(STATUS_TEXTS[band(level)]!)),
    unitLevel: level !== null && rnd.next() < 0.3 ? level : null,
    author: `ciso-${unit.id}`,
    authorName: ciso,
    createdAt: `${statusDate(year, day)}T12:00:00.000Z`,
  }));
  // The DPO recommends focus on the three lowest (unassessed ones first), ties broken at random.
  const focus = levels
    .map((level, i) => ({ number: i + 1, key: (level ?? 0) + rnd.next() }))
    .sort((a, b) => a.key - b.key)
    .slice(0, 3)
    .map((f) => f.number)
    .sort((a, b) => a - b);
  const focusAreas = focus.map((controlPoint) => ({ year, focusYear: year + 1, controlPoint, text: null }));
  return { assessments, statusUpdates, focusAreas };
}

/** Imports the example units, each oldest year first; a second run adds nothing. Answers what was added, summed. */
export async function importDemoUnits(store: BoardStore, units: DemoUnitPlan[], ctx: WriteContext): Promise<ImportResult> {
  const total = Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0])) as ImportResult;
  for (const { plans } of units) {
    for (const plan of plans) {
      const added = await store.importSeed(plan, ctx);
      for (const k of IMPORT_KINDS) total[k] += added[k];
    }
  }
  return total;
}

/**
 * The city to try or measure: the report (`seedFile`, the default seed when omitted) and `units` example units of
 * `years` years each, on the store's scale (load the DPO's scale setup first). Adds nothing twice; answers what each added.
 */
export async function seedCity(
  store: BoardStore,
  size: { units: number; years?: number },
  seedFile?: string,
): Promise<{ report: ImportResult; examples: ImportResult }> {
  const report = await importSeedFile(store, seedFile);
  const plan = demoUnitsPlan(size.units, { years: size.years, levels: store.scale.levels.length, base: readSeedFile(seedFile) });
  return { report, examples: await importDemoUnits(store, plan, seedContext()) };
}
