/**
 * A change of the log (ChangeRecord, every kind of CHANGE_KINDS in src/domain/model.ts) as every surface says it:
 * the bot's channel post and digest rows (bot/cards.ts), and the tab's change log (tab/src/views/detail/describeChange.ts).
 * One description per kind, Swedish first and English beside it; what it needs of the board (control-point titles,
 * the scale's labels) comes in a small context object, so it imports nothing of the bot or the tab.
 *
 * - `headline`: what happened ("Ny bedömning av dataskyddsombudet");
 * - `subject`: what it is about (the control point, the instruction, the unit);
 * - `short`: the headline and its gist in one line ("Ny bedömning av dataskyddsombudet: Nivå 3 av 5");
 * - `facts`: label/value pairs of a card; `text`: the card's body (a comment, a status text);
 * - `line`: the change log's line: `short`, and a snippet of what the person wrote when there is something.
 */
import type { EditedEntity, RefusedEdit } from '../domain/changes.js';
import type { Evidence } from '../domain/evidence.js';
import type { ScaleFacts } from '../domain/interpretation.js';
import type {
  ActionPlanItem,
  Activity,
  Assessment,
  ChangeKind,
  ChangeRecord,
  Contact,
  ControlPoint,
  Instruction,
  Locale,
  StatusUpdate,
} from '../domain/model.js';
import { levelLabel, type Scale } from '../domain/scale.js';
import { fill } from './fill.js';
import { MESSAGES } from './messages.js';
import { SCALE_WORDS, scaleChangeText } from './scale.js';
import { statusRequestChangeText } from './status-requests.js';
import { periodLabel, quarterLabel } from './index.js';
import { TERMS } from './terms.js';
import { movedFact, type Fact } from './facts.js';
import { isUnitChange, unitChangeText } from './units.js';

/** What a description needs to know of the board. */
export interface DescribeContext {
  scale: Scale;
  /** A control point's title, when known (the tab's detail page knows its own; the bot knows the board's). */
  titleOf(controlPoint: number): string | undefined;
}

export type { Fact } from './facts.js';

export interface ChangeView {
  headline: string;
  subject: string;
  short: string;
  facts: Fact[];
  text: string;
  line: string;
}

const sv = {
  /** The headline of each kind; a description may say more precisely (a unit restored, a contact given). */
  headline: {
    'assessment.added': 'Ny bedömning av dataskyddsombudet',
    'status.added': 'Ny status från förvaltningen',
    'activity.created': 'Ny aktivitet',
    'activity.updated': 'Aktivitet ändrad',
    'instruction.updated': 'Anvisning {code} ändrad',
    'controlPoint.updated': 'Huvudpaket eller förväntat slut ändrat',
    'seed.imported': 'Data importerad från årsrapporten',
    'year.started': 'Rapportår {year} påbörjat',
    'assessment.corrected': 'Bedömning rättad i SharePoint',
    'status.corrected': 'Status rättad i SharePoint',
    'edit.refused': 'Ändring i SharePoint avvisad',
    'item.deleted': 'Rad borttagen i SharePoint',
    'contact.updated': 'Kontakten ändrad',
    'actionPlanItem.created': 'Ny åtgärd i handlingsplanen',
    'actionPlanItem.updated': 'Åtgärd i handlingsplanen ändrad',
    'evidence.added': TERMS.sv.evidenceWords.added,
    'evidence.updated': TERMS.sv.evidenceWords.updated,
    'evidence.removed': TERMS.sv.evidenceWords.removed,
    'scale.changed': SCALE_WORDS.sv.changedTitle,
    'unit.created': TERMS.sv.unitWords.created,
    'unit.updated': TERMS.sv.unitWords.updated,
    'unit.archived': TERMS.sv.unitWords.archived,
    'statusRequest.created': MESSAGES.sv['statusRequest.created'],
  } satisfies Record<ChangeKind, string>,
  /** A kind this build does not know (a record written by a newer server). */
  unknown: 'Ändring',
  contactGiven: 'Kontakt angiven',
  controlPointTitle: 'Kontrollpunkt {n}: {title}',
  dpoAssessment: 'Dataskyddsombudets bedömning',
  unitStatus: 'Förvaltningens status',
  unitLevel: 'Förvaltningens egen nivå',
  before: 'Före',
  refusedAction: { add: 'Ny rad', edit: 'Ändrad rad' },
  refusedReason: 'Skäl',
  itemsRead: 'Inlästa uppgifter',
  /** What a direct SharePoint edit touched, by the entity its entityId names. */
  entityName: {
    assessment: TERMS.sv.thing.assessment,
    status: TERMS.sv.thing.status,
    activity: TERMS.sv.thing.activity,
    instruction: TERMS.sv.thing.instruction,
    controlPoint: TERMS.sv.thing.controlPoint,
    actionPlanItem: TERMS.sv.thing.actionPlanItem,
    contact: TERMS.sv.thing.contact,
    unit: TERMS.sv.thing.unit,
    unitPerson: TERMS.sv.unitWords.responsible,
    evidence: TERMS.sv.thing.evidence,
    statusRequest: TERMS.sv.thing.statusRequest,
  } satisfies Record<EditedEntity, string>,
};

/** The shape both languages fill: the same keys, words for each. */
export type ChangeWords = {
  [K in keyof typeof sv]: (typeof sv)[K] extends string ? string : { [L in keyof (typeof sv)[K]]: string };
};

const en: ChangeWords = {
  headline: {
    'assessment.added': 'New assessment by the DPO',
    'status.added': 'New status from the unit',
    'activity.created': 'New activity',
    'activity.updated': 'Activity changed',
    'instruction.updated': 'Instruction {code} changed',
    'controlPoint.updated': 'Work packages or expected end changed',
    'seed.imported': 'Data imported from the annual report',
    'year.started': 'Report year {year} started',
    'assessment.corrected': 'Assessment corrected in SharePoint',
    'status.corrected': 'Status corrected in SharePoint',
    'edit.refused': 'Change in SharePoint refused',
    'item.deleted': 'Row deleted in SharePoint',
    'contact.updated': 'Contact changed',
    'actionPlanItem.created': 'New action plan item',
    'actionPlanItem.updated': 'Action plan item changed',
    'evidence.added': TERMS.en.evidenceWords.added,
    'evidence.updated': TERMS.en.evidenceWords.updated,
    'evidence.removed': TERMS.en.evidenceWords.removed,
    'scale.changed': SCALE_WORDS.en.changedTitle,
    'unit.created': TERMS.en.unitWords.created,
    'unit.updated': TERMS.en.unitWords.updated,
    'unit.archived': TERMS.en.unitWords.archived,
    'statusRequest.created': MESSAGES.en['statusRequest.created'],
  },
  unknown: 'Change',
  contactGiven: 'Contact given',
  controlPointTitle: 'Control point {n}: {title}',
  dpoAssessment: "The DPO's assessment",
  unitStatus: "The unit's status",
  unitLevel: "The unit's own level",
  before: 'Before',
  refusedAction: { add: 'New row', edit: 'Changed row' },
  refusedReason: 'Reason',
  itemsRead: 'Items read',
  entityName: {
    assessment: TERMS.en.thing.assessment,
    status: TERMS.en.thing.status,
    activity: TERMS.en.thing.activity,
    instruction: TERMS.en.thing.instruction,
    controlPoint: TERMS.en.thing.controlPoint,
    actionPlanItem: TERMS.en.thing.actionPlanItem,
    contact: TERMS.en.thing.contact,
    unit: TERMS.en.thing.unit,
    unitPerson: TERMS.en.unitWords.responsible,
    evidence: TERMS.en.thing.evidence,
    statusRequest: TERMS.en.thing.statusRequest,
  },
};

/** The change words in both languages: every kind's headline, and the labels of the facts. */
export const CHANGE_WORDS: Record<Locale, ChangeWords> = { sv, en };

/** Free text in one line of at most `max` characters. */
export function snippet(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A view from its headline, gist and what the person wrote: `short` and `line` are made the same way for every kind. */
function view(parts: { headline: string; gist?: string; subject?: string; facts?: Fact[]; text?: string; written?: string }): ChangeView {
  const short = parts.gist ? `${parts.headline}: ${parts.gist}` : parts.headline;
  const written = parts.written ? snippet(parts.written) : '';
  return {
    headline: parts.headline,
    subject: parts.subject ?? '',
    short,
    facts: parts.facts ?? [],
    text: parts.text ?? '',
    line: written ? `${short} – ${written}` : short,
  };
}

/** The control point a change is about, as a card's subject: "Kontrollpunkt 4: Incidenthantering". */
function controlPointSubject(change: ChangeRecord, locale: Locale, ctx: DescribeContext): string {
  if (!change.controlPoint) return '';
  return fill(CHANGE_WORDS[locale].controlPointTitle, { n: change.controlPoint, title: ctx.titleOf(change.controlPoint) ?? '' });
}

/** What an entity was or was made to be, in a few words (a level, a text, a state). */
function gist(entity: unknown, locale: Locale, ctx: DescribeContext): string {
  const e = (entity ?? {}) as {
    level?: number;
    comment?: string;
    text?: string;
    state?: Instruction['state'];
    code?: string;
    title?: string;
  };
  if (typeof e.level === 'number') return [levelLabel(ctx.scale, e.level, locale), e.comment].filter(Boolean).join(' – ');
  if (e.code) return `${e.code} ${TERMS[locale].state[e.state ?? 'planned']}`;
  return e.text ?? e.title ?? '';
}

type Describe = (change: ChangeRecord, locale: Locale, ctx: DescribeContext, subject: string) => ChangeView;

const assessmentAdded: Describe = (change, locale, ctx, subject) => {
  const a = change.after as Assessment;
  const level = levelLabel(ctx.scale, a.level, locale);
  const headline = CHANGE_WORDS[locale].headline['assessment.added'];
  return view({
    headline,
    gist: level,
    subject,
    facts: [{ label: CHANGE_WORDS[locale].dpoAssessment, value: level }],
    text: a.comment,
    written: a.comment,
  });
};

const statusAdded: Describe = (change, locale, ctx, subject) => {
  const w = CHANGE_WORDS[locale];
  const s = change.after as StatusUpdate;
  const facts = [
    { label: w.unitStatus, value: s.statusDate },
    ...(s.unitLevel ? [{ label: w.unitLevel, value: levelLabel(ctx.scale, s.unitLevel, locale) }] : []),
  ];
  return view({ headline: w.headline['status.added'], gist: s.statusDate, subject, facts, text: s.text, written: s.text });
};

/** An activity of a control point added or changed: its state and period, before → after when changed. */
const activityChanged: Describe = (change, locale, _ctx, subject) => {
  const w = CHANGE_WORDS[locale];
  const after = change.after as Activity;
  const before = change.before as Activity | null;
  const state = (a: Activity) => [TERMS[locale].state[a.state], periodLabel(a.dueFrom, a.dueTo, locale)].filter(Boolean).join(', ');
  const movedState = before && state(before) !== state(after) ? `${state(before)} → ${state(after)}` : state(after);
  const headline = w.headline[change.kind === 'activity.created' ? 'activity.created' : 'activity.updated'];
  const gist = before && before.state !== after.state ? `${snippet(after.text, 70)} (${movedState})` : snippet(after.text);
  return view({ headline, gist, subject, facts: [{ label: TERMS[locale].thing.activity, value: movedState }], text: after.text });
};

const instructionUpdated: Describe = (change, locale) => {
  const before = change.before as Instruction | null;
  const after = change.after as Instruction;
  const state = (i: Instruction | null) =>
    i
      ? TERMS[locale].state[i.state] +
        (i.state !== 'done' && i.plannedQuarter
          ? ` (${fill(MESSAGES[locale].plannedFor, { quarter: quarterLabel(i.plannedQuarter, locale) })})`
          : '')
      : '–';
  const movement = `${state(before)} → ${state(after)}`;
  const headline = fill(CHANGE_WORDS[locale].headline['instruction.updated'], { code: after.code });
  return view({
    headline,
    gist: movement,
    subject: after.title,
    facts: [{ label: after.code, value: movement }],
    text: after.note ?? '',
    written: after.note ?? '',
  });
};

/** A control point's work packages or expected end changed (its owner too, by hand in SharePoint). */
const controlPointUpdated: Describe = (change, locale, _ctx, subject) => {
  const t = TERMS[locale];
  const before = change.before as ControlPoint;
  const after = change.after as ControlPoint;
  const facts = [
    ...movedFact(t.thing.owner, before.owner, after.owner),
    ...movedFact(t.thing.workPackages, before.workPackages.join(', ') || '–', after.workPackages.join(', ') || '–'),
    ...movedFact(t.thing.expectedEnd, before.expectedEnd ?? '–', after.expectedEnd ?? '–'),
  ];
  const gist = facts.map((f) => `${f.label}: ${f.value}`).join('; ');
  return view({ headline: CHANGE_WORDS[locale].headline['controlPoint.updated'], gist, subject, facts });
};

const seedImported: Describe = (change, locale) => {
  const w = CHANGE_WORDS[locale];
  const read = Object.values((change.after ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
  const facts = [
    ...(change.year !== null ? [{ label: TERMS[locale].thing.reportYear, value: String(change.year) }] : []),
    { label: w.itemsRead, value: String(read) },
  ];
  return view({ headline: w.headline['seed.imported'], gist: change.year !== null ? String(change.year) : '', facts });
};

const yearStarted: Describe = (change, locale) => {
  const headline = fill(CHANGE_WORDS[locale].headline['year.started'], { year: change.year ?? '' });
  return view({ headline });
};

const contactUpdated: Describe = (change, locale) => {
  const w = CHANGE_WORDS[locale];
  const field = TERMS[locale].contactField;
  const after = change.after as Contact;
  const before = change.before as Contact | null;
  const keys = ['name', 'title', 'role', 'organisation', 'email'] as const;
  const facts = before
    ? keys.flatMap((k) => movedFact(field[k], before[k] || '–', after[k] || '–'))
    : keys.filter((k) => after[k]).map((k) => ({ label: field[k], value: after[k] }));
  const gist = [after.name, after.title].filter(Boolean).join(', ');
  return view({ headline: before ? w.headline['contact.updated'] : w.contactGiven, gist, subject: TERMS[locale].thing.contact, facts });
};

const corrected: Describe = (change, locale, ctx, subject) => {
  const w = CHANGE_WORDS[locale];
  const headline = w.headline[change.kind === 'assessment.corrected' ? 'assessment.corrected' : 'status.corrected'];
  const [from, to] = [gist(change.before, locale, ctx), gist(change.after, locale, ctx)];
  return view({ headline, gist: to, subject, facts: [{ label: w.before, value: from }], text: to });
};

const entityNameOf = (change: ChangeRecord, locale: Locale) => {
  const what = change.entityId.split(':')[0] as EditedEntity;
  return (CHANGE_WORDS[locale].entityName as Partial<Record<string, string>>)[what] ?? what;
};

const refused: Describe = (change, locale, ctx, subject) => {
  const w = CHANGE_WORDS[locale];
  const attempt = change.after as RefusedEdit;
  const name = entityNameOf(change, locale);
  const facts = [
    { label: w.refusedAction[attempt.action], value: name },
    { label: w.refusedReason, value: attempt.reason[locale] },
  ];
  const headline = w.headline['edit.refused'];
  return view({ headline, gist: name, subject, facts, text: gist(attempt.attempted, locale, ctx), written: attempt.reason[locale] });
};

const deleted: Describe = (change, locale, ctx, subject) => {
  const name = entityNameOf(change, locale);
  const was = gist(change.before, locale, ctx);
  return view({
    headline: CHANGE_WORDS[locale].headline['item.deleted'],
    gist: name,
    subject,
    facts: [{ label: name, value: was }],
    written: was,
  });
};

/** An item of the action plan added or changed: its state and period, before → after when changed. */
const actionPlanItemChanged: Describe = (change, locale) => {
  const item = change.after as ActionPlanItem;
  const before = change.before as ActionPlanItem | null;
  const state = (i: ActionPlanItem) =>
    [TERMS[locale].state[i.state], periodLabel(i.periodFrom, i.periodTo, locale), i.dueDate ?? ''].filter(Boolean).join(', ');
  const movement = before ? `${state(before)} → ${state(item)}` : state(item);
  const headline =
    CHANGE_WORDS[locale].headline[change.kind === 'actionPlanItem.created' ? 'actionPlanItem.created' : 'actionPlanItem.updated'];
  return view({ headline, gist: movement, subject: item.text, facts: [{ label: TERMS[locale].thing.actionPlanItem, value: movement }] });
};

/** Evidence added to, changed on (a link, by hand in SharePoint) or removed from a control point: its title, kind, date and where it is. */
const evidenceChanged: Describe = (change, locale, _ctx, subject) => {
  const words = TERMS[locale].evidenceWords;
  const removed = change.kind === 'evidence.removed';
  const e = (removed ? change.before : change.after) as Evidence;
  const was = change.kind === 'evidence.updated' ? (change.before as Evidence) : null;
  const facts = [
    { label: words.kind, value: TERMS[locale].evidenceKind[e.kind] },
    { label: words.date, value: e.date },
    ...(e.origin === 'library' ? [{ label: words.addedBy, value: `${e.addedByName} (${words.fromLibrary})` }] : []),
    ...(was && was.title !== e.title ? [{ label: CHANGE_WORDS[locale].before, value: was.title }] : []),
  ];
  return view({ headline: CHANGE_WORDS[locale].headline[change.kind], gist: e.title, subject, facts, text: e.title });
};

/** The DPO changed the scale: from what to what, and how many interpreted marks were read again. */
const scaleChanged: Describe = (change, locale) => {
  const said = scaleChangeText(change.before as ScaleFacts, change.after as ScaleFacts & { remapped: number }, change.actorName, locale);
  const facts = [{ label: SCALE_WORDS[locale].setupTitle, value: said.short }];
  return view({ headline: said.headline, gist: said.short, facts, text: said.text });
};

const statusRequested: Describe = (change, locale, _ctx, subject) => {
  const said = statusRequestChangeText(change, locale);
  return view({ headline: said.headline, gist: said.sentence, subject, facts: said.facts, text: said.sentence });
};

const unitChanged: Describe = (change, locale) => {
  const said = unitChangeText(change, locale);
  return view({ headline: said.headline, gist: said.subject, subject: said.subject, facts: said.facts });
};

/** Each kind's description: a kind missing here does not compile. */
const DESCRIBE: Record<ChangeKind, Describe> = {
  'assessment.added': assessmentAdded,
  'status.added': statusAdded,
  'activity.created': activityChanged,
  'activity.updated': activityChanged,
  'instruction.updated': instructionUpdated,
  'controlPoint.updated': controlPointUpdated,
  'seed.imported': seedImported,
  'year.started': yearStarted,
  'assessment.corrected': corrected,
  'status.corrected': corrected,
  'edit.refused': refused,
  'item.deleted': deleted,
  'contact.updated': contactUpdated,
  'actionPlanItem.created': actionPlanItemChanged,
  'actionPlanItem.updated': actionPlanItemChanged,
  'evidence.added': evidenceChanged,
  'evidence.updated': evidenceChanged,
  'evidence.removed': evidenceChanged,
  'scale.changed': scaleChanged,
  'unit.created': unitChanged,
  'unit.updated': unitChanged,
  'unit.archived': unitChanged,
  'statusRequest.created': statusRequested,
};

/** A kind this build does not know (a record written by a newer server): said as a change of the thing it names. */
function unknownKind(change: ChangeRecord, locale: Locale, subject: string): ChangeView {
  return view({ headline: CHANGE_WORDS[locale].unknown, gist: entityNameOf(change, locale), subject });
}

/** A change as every surface says it, in one language. */
export function describeChange(change: ChangeRecord, locale: Locale, ctx: DescribeContext): ChangeView {
  const subject = controlPointSubject(change, locale, ctx);
  const describe = (DESCRIBE as Partial<Record<string, Describe>>)[change.kind];
  return describe ? describe(change, locale, ctx, subject) : unknownKind(change, locale, subject);
}

/** What a change is about in a few words, as a digest row's label: its control point, or its unit, instruction or item. */
export function changeLabel(change: ChangeRecord, locale: Locale, ctx: DescribeContext): string {
  if (change.kind === 'scale.changed') return SCALE_WORDS[locale].setupTitle;
  if (isUnitChange(change)) return unitChangeText(change, locale).subject;
  if (change.controlPoint) return `${change.controlPoint}. ${ctx.titleOf(change.controlPoint) ?? ''}`;
  if (change.kind.startsWith('actionPlanItem.')) return (change.after as ActionPlanItem).text;
  if (change.kind === 'contact.updated') return TERMS[locale].thing.contact;
  if (change.kind === 'seed.imported' || change.kind === 'year.started') return TERMS[locale].thing.reportYear + ` ${change.year ?? ''}`;
  return (change.after as Instruction | null)?.code ?? change.entityId.split(':').slice(1).join(':');
}
