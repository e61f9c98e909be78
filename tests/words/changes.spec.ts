/**
 * One description of a change (issue 12 item 3, "one vocabulary"): every kind of CHANGE_KINDS is described by
 * src/words/changes.ts in Swedish and in English, and the bot's channel post, the bot's digest row and the tab's
 * change-log line of the same change say it in the same words (the same headline, the same gist). The records are
 * made by the domain's own functions (src/domain/changes.ts), as the stores make them.
 */
import { describe, expect, it } from 'vitest';
import { changeRow, statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import * as changes from '../../src/domain/changes.js';
import type { Evidence } from '../../src/domain/evidence.js';
import {
  CHANGE_KINDS,
  type ActionPlanItem,
  type Activity,
  type Assessment,
  type ChangeKind,
  type ChangeRecord,
  type Contact,
  type ControlPoint,
  type Instruction,
  type Locale,
  type NewChange,
  type StatusUpdate,
  type Unit,
} from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { CHANGE_WORDS, describeChange } from '../../src/words/changes.js';
import { LOCALES, placeholdersOf } from '../../src/words/index.js';
import { STRINGS as TAB } from '../../tab/src/i18n/strings.js';
import { describeChange as tabLine } from '../../tab/src/views/detail/describeChange.js';
import { openRequest } from '../fixtures/status-requests.js';

const at = '2026-11-28T10:00:00.000Z';
const UNIT = 'intraservice';
const dpo = { id: 'dpo', displayName: 'Anna Andersson', roles: ['dpo' as const], grants: [{ role: 'dpo' as const, units: '*' as const }] };
const ctx: WriteContext = { actor: dpo, source: 'tab', now: new Date(at) };
const stamp = { version: 1, updatedAt: at, updatedBy: 'ciso' };

const assessment: Assessment = {
  id: 7,
  unitId: UNIT,
  year: 2023,
  controlPoint: 4,
  level: 4,
  comment: 'Registret finns men är inte komplett',
  assessedBy: 'dpo',
  assessedByName: 'Anna Andersson',
  assessedAt: at,
};
const status: StatusUpdate = {
  id: 9,
  unitId: UNIT,
  year: 2023,
  controlPoint: 4,
  statusDate: '2024-11-06',
  text: 'Incidentprocessen är beslutad.',
  unitLevel: 3,
  author: 'ciso',
  authorName: 'CISO',
  createdAt: at,
};
const activity: Activity = {
  id: 3,
  unitId: UNIT,
  controlPoint: 4,
  text: 'Öva incidentprocessen',
  state: 'planned',
  dueFrom: '2025-Q4',
  dueTo: '2026-Q1',
  workPackage: 'Incident',
  position: 1,
  ...stamp,
};
const instruction: Instruction = {
  unitId: UNIT,
  number: 5,
  code: 'IIFS 05',
  title: 'Anvisning för Hantering av tillgångar',
  state: 'planned',
  plannedFrom: null,
  plannedQuarter: '2025-Q1',
  group: null,
  note: null,
  ...stamp,
};
const controlPoint: ControlPoint = {
  unitId: UNIT,
  number: 4,
  title: 'Incidenthantering',
  owner: 'CISO',
  workPackages: ['Incident'],
  expectedEnd: '2026-06-30',
  version: 1,
};
const contact: Contact = {
  unitId: UNIT,
  name: 'Anna Andersson',
  title: 'Dataskyddsombud',
  role: 'Dataskyddsombud',
  organisation: 'Göteborgs Stad',
  email: 'anna@example.test',
  ...stamp,
};
const planItem: ActionPlanItem = {
  id: 2,
  unitId: UNIT,
  text: 'Införande av PU-register och informationssäkerhetsdatabas',
  state: 'ongoing',
  periodFrom: '2024-Q4',
  periodTo: '2025-Q1',
  dueDate: '2024-12-31',
  instruction: null,
  position: 1,
  ...stamp,
};
const evidence: Evidence = {
  id: '12',
  unitId: UNIT,
  controlPoint: 4,
  title: 'Incidentrutin',
  url: 'https://example.test/rutin.pdf',
  kind: 'routine',
  date: '2024-06-12',
  origin: 'link',
  addedBy: 'dpo',
  addedByName: 'Anna Andersson',
  addedAt: at,
};
const unit: Unit = {
  id: 'kultur',
  name: 'Kulturförvaltningen',
  nameEn: 'Culture Administration',
  organisation: 'Göteborgs Stad',
  archived: false,
  example: false,
  responsible: [{ role: 'ciso', name: 'Kim Berg', email: 'kim@example.test' }],
  version: 1,
};
const statusTarget = changes.targetOf('status', status);
const reason = { sv: 'Din roll får inte ändra status', en: 'Your role may not change the status' };

/** One record of each kind; a kind added to CHANGE_KINDS without one here does not compile. */
const SAMPLES: Record<ChangeKind, NewChange> = {
  'assessment.added': changes.assessmentAdded(assessment, ctx),
  'status.added': changes.statusAdded(status, ctx),
  'activity.created': changes.activityCreated(activity, ctx),
  'activity.updated': changes.activityUpdated(activity, { ...activity, state: 'ongoing' }, ctx),
  'instruction.updated': changes.instructionUpdated(instruction, { ...instruction, state: 'done', plannedQuarter: null }, ctx),
  'controlPoint.updated': changes.controlPointUpdated(controlPoint, { ...controlPoint, workPackages: ['Incident', 'Projekt'] }, ctx),
  'seed.imported': changes.seedImported(UNIT, 2023, { assessments: 12, statusUpdates: 12, activities: 57 }, ctx),
  'year.started': changes.yearStarted(UNIT, 2024, 2023, ctx),
  'assessment.corrected': changes.assessmentCorrected(assessment, { ...assessment, level: 2, comment: 'Rättad i listan' }, ctx),
  'status.corrected': changes.statusCorrected(status, { ...status, text: 'Rättad text' }, ctx),
  'edit.refused': changes.editRefused(statusTarget, null, { what: 'status', action: 'add', attempted: status, reason }, ctx),
  'item.deleted': changes.itemDeleted(statusTarget, status, ctx),
  'contact.updated': changes.contactUpdated(contact, { ...contact, email: 'dso@example.test' }, ctx),
  'actionPlanItem.created': changes.actionPlanItemCreated(planItem, ctx),
  'actionPlanItem.updated': changes.actionPlanItemUpdated(planItem, { ...planItem, state: 'done' }, ctx),
  'evidence.added': changes.evidenceAdded(evidence, ctx),
  'evidence.updated': changes.evidenceUpdated(evidence, { ...evidence, title: 'Incidentrutin 2024' }, ctx),
  'evidence.removed': changes.evidenceRemoved(evidence, ctx),
  'scale.changed': changes.scaleChanged(
    { count: 5, direction: 'lowLeft', labels: null },
    { count: 5, direction: 'lowRight', labels: null, version: 2, remapped: 12 },
    ctx,
  ),
  'unit.created': changes.unitCreated(unit, 2026, ctx),
  'unit.updated': changes.unitUpdated(unit, { ...unit, name: 'Kultur- och fritidsförvaltningen' }, ctx),
  'unit.archived': changes.unitUpdated(unit, { ...unit, archived: true }, ctx),
  'statusRequest.created': changes.statusRequestCreated(
    openRequest({ id: '5', requestedByName: 'Anna Andersson', askedId: '29:teams-account', dueDate: '2026-12-12' }),
    ctx,
  ),
};

const sample = (kind: ChangeKind): ChangeRecord => ({ seq: 1, ...SAMPLES[kind] });
const describeCtx = { scale: DEFAULT_SCALE, titleOf: (n: number) => (n === 4 ? 'Incidenthantering' : undefined) };
const cardCtx: ChangeContext = { ...describeCtx, linkOf: () => 'https://example.test/tab/', boardUrl: 'https://example.test/tab/' };

/** Text a person should never read: a code name, an unfilled placeholder, a value that was missing. */
const LEAKS = /\{\w+\}|undefined|null|NaN|\[object/;

describe('every kind of change has a description', () => {
  it('has a sample record here for every kind of CHANGE_KINDS', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...CHANGE_KINDS].sort());
  });

  it.each(LOCALES)('has a headline for every kind in %s, with the same placeholders in both languages', (locale) => {
    for (const kind of CHANGE_KINDS) {
      const headline = CHANGE_WORDS[locale].headline[kind];
      expect(headline?.trim(), `${locale} ${kind}`).toBeTruthy();
      expect(placeholdersOf(headline), kind).toEqual(placeholdersOf(CHANGE_WORDS.sv.headline[kind]));
    }
    expect(Object.keys(CHANGE_WORDS[locale].headline).sort()).toEqual([...CHANGE_KINDS].sort());
  });

  it.each(CHANGE_KINDS)('%s is said in Swedish and in English, never by its code name', (kind) => {
    const said = Object.fromEntries(LOCALES.map((l) => [l, describeChange(sample(kind), l, describeCtx)])) as Record<
      Locale,
      ReturnType<typeof describeChange>
    >;
    for (const locale of LOCALES) {
      const view = said[locale];
      expect(view.headline, `${locale} ${kind}`).not.toBe('');
      expect(view.short.startsWith(view.headline), `${locale} ${kind}: ${view.short}`).toBe(true);
      expect(view.line.startsWith(view.short), `${locale} ${kind}: ${view.line}`).toBe(true);
      const everything = [view.headline, view.subject, view.short, view.line, view.text, ...view.facts.flatMap((f) => [f.label, f.value])];
      for (const text of everything) {
        expect(text, `${locale} ${kind}`).not.toContain(kind);
        expect(text, `${locale} ${kind}`).not.toMatch(LEAKS);
      }
    }
    expect(said.en.headline, kind).not.toBe(said.sv.headline);
  });
});

describe('the bot and the tab say the same thing', () => {
  it.each(CHANGE_KINDS)('%s: the post’s headline, the digest row and the change-log line are the same words', (kind) => {
    const change = sample(kind);
    for (const locale of LOCALES) {
      const view = describeChange(change, locale, describeCtx);
      const post = statusChangeCard(locale, change, cardCtx).content as { body: { text?: string }[] };
      const line = tabLine(change, { locale }, DEFAULT_SCALE);
      expect(post.body[0]!.text, `${locale} ${kind}`).toBe(view.headline);
      expect(line, `${locale} ${kind}`).toBe(view.line);
      expect(line.startsWith(`${post.body[0]!.text}`), `${locale} ${kind}: ${line}`).toBe(true);
      expect(changeRow(locale, change, cardCtx).value.startsWith(view.short), `${locale} ${kind}`).toBe(true);
    }
  });

  it('the tab keeps no table of change words of its own', () => {
    for (const locale of LOCALES) expect(Object.keys(TAB[locale])).not.toContain('changeKind');
  });
});

describe('what the words say', () => {
  const line = (kind: ChangeKind, locale: Locale) => describeChange(sample(kind), locale, describeCtx).line;

  it('an assessment and a status give the level or date, then what the person wrote', () => {
    expect(line('assessment.added', 'sv')).toBe('Ny bedömning av dataskyddsombudet: Nivå 4 av 5 – Registret finns men är inte komplett');
    expect(line('status.added', 'en')).toBe('New status from the unit: 2024-11-06 – Incidentprocessen är beslutad.');
  });

  it('an activity, a control point, a contact, a year and an import say what changed (the bot had no words for them)', () => {
    expect(line('activity.created', 'sv')).toBe('Ny aktivitet: Öva incidentprocessen');
    expect(line('activity.updated', 'sv')).toBe(
      'Aktivitet ändrad: Öva incidentprocessen (Planerad, Q4 2025 – Q1 2026 → Pågående, Q4 2025 – Q1 2026)',
    );
    expect(line('activity.updated', 'en')).toBe(
      'Activity changed: Öva incidentprocessen (Planned, Q4 2025 – Q1 2026 → Ongoing, Q4 2025 – Q1 2026)',
    );
    expect(line('controlPoint.updated', 'sv')).toBe('Huvudpaket eller förväntat slut ändrat: Huvudpaket: Incident → Incident, Projekt');
    expect(line('contact.updated', 'en')).toBe('Contact changed: Anna Andersson, Dataskyddsombud');
    expect(describeChange(sample('contact.updated'), 'sv', describeCtx).facts).toEqual([
      { label: 'E-post', value: 'anna@example.test → dso@example.test' },
    ]);
    expect(line('year.started', 'sv')).toBe('Rapportår 2024 påbörjat');
    expect(line('seed.imported', 'en')).toBe('Data imported from the annual report: 2023');
    expect(describeChange(sample('seed.imported'), 'sv', describeCtx).facts).toContainEqual({ label: 'Inlästa uppgifter', value: '81' });
  });

  it('an instruction names both states as the catalog spells them', () => {
    expect(line('instruction.updated', 'sv')).toBe('Anvisning IIFS 05 ändrad: Planerad (planerad Q1 2025) → Klar');
    expect(line('instruction.updated', 'en')).toBe('Instruction IIFS 05 changed: Planned (planned Q1 2025) → Done');
  });

  it('a refusal gives the thing and the reason in the reader’s language; a kind from a newer server is said as a change', () => {
    expect(line('edit.refused', 'sv')).toBe('Ändring i SharePoint avvisad: Status – Din roll får inte ändra status');
    expect(line('edit.refused', 'en')).toBe('Change in SharePoint refused: Status – Your role may not change the status');
    const newer = { ...sample('evidence.added'), kind: 'evidence.archived' as ChangeKind };
    expect(describeChange(newer, 'sv', describeCtx).line).toBe('Ändring: Underlag');
    expect(describeChange(newer, 'en', describeCtx).line).toBe('Change: Evidence');
  });
});
