/** The change events a write produces. Each write appends exactly one. */
import type { Evidence } from './evidence.js';
import type {
  ActionPlanItem,
  Activity,
  Assessment,
  ChangeKind,
  Contact,
  ControlPoint,
  Instruction,
  Localized,
  NewChange,
  StatusUpdate,
  Unit,
} from './model.js';
import type { WriteContext } from './rules.js';
import type { ScaleFacts } from './interpretation.js';
import type { StatusRequest } from './status-requests.js';

function change(
  ctx: WriteContext,
  kind: ChangeKind,
  target: { unitId: string; year: number | null; controlPoint: number | null; entityId: string },
  before: unknown,
  after: unknown,
): NewChange {
  return {
    at: ctx.now.toISOString(),
    actorId: ctx.actor.id,
    actorName: ctx.actor.displayName,
    source: ctx.source,
    kind,
    ...target,
    before,
    after,
  };
}

export function assessmentAdded(a: Assessment, ctx: WriteContext): NewChange {
  const target = { unitId: a.unitId, year: a.year, controlPoint: a.controlPoint, entityId: `assessment:${a.id}` };
  return change(ctx, 'assessment.added', target, null, a);
}

export function statusAdded(s: StatusUpdate, ctx: WriteContext): NewChange {
  const target = { unitId: s.unitId, year: s.year, controlPoint: s.controlPoint, entityId: `status:${s.id}` };
  return change(ctx, 'status.added', target, null, s);
}

export function activityCreated(a: Activity, ctx: WriteContext): NewChange {
  const target = { unitId: a.unitId, year: null, controlPoint: a.controlPoint, entityId: `activity:${a.id}` };
  return change(ctx, 'activity.created', target, null, a);
}

export function activityUpdated(before: Activity, after: Activity, ctx: WriteContext): NewChange {
  const target = { unitId: after.unitId, year: null, controlPoint: after.controlPoint, entityId: `activity:${after.id}` };
  return change(ctx, 'activity.updated', target, before, after);
}

export function instructionUpdated(before: Instruction, after: Instruction, ctx: WriteContext): NewChange {
  const target = { unitId: after.unitId, year: null, controlPoint: null, entityId: `instruction:${after.code}` };
  return change(ctx, 'instruction.updated', target, before, after);
}

export function controlPointUpdated(before: ControlPoint, after: ControlPoint, ctx: WriteContext): NewChange {
  const target = { unitId: after.unitId, year: null, controlPoint: after.number, entityId: `controlPoint:${after.number}` };
  return change(ctx, 'controlPoint.updated', target, before, after);
}

export function contactUpdated(before: Contact | null, after: Contact, ctx: WriteContext): NewChange {
  return change(
    ctx,
    'contact.updated',
    { unitId: after.unitId, year: null, controlPoint: null, entityId: `contact:${after.unitId}` },
    before,
    after,
  );
}

function evidenceTarget(e: Evidence) {
  return { unitId: e.unitId, year: null, controlPoint: e.controlPoint, entityId: `evidence:${e.id}` };
}

/** Evidence added to a control point (a link, or a file that appeared in the library). */
export function evidenceAdded(e: Evidence, ctx: WriteContext): NewChange {
  return change(ctx, 'evidence.added', evidenceTarget(e), null, e);
}

/** A link changed by hand in SharePoint by who added it or the DPO (title, address, kind, date, control point). */
export function evidenceUpdated(before: Evidence, after: Evidence, ctx: WriteContext): NewChange {
  return change(ctx, 'evidence.updated', evidenceTarget(after), before, after);
}

/** Evidence removed from a control point; `before` is what was removed. */
export function evidenceRemoved(e: Evidence, ctx: WriteContext): NewChange {
  return change(ctx, 'evidence.removed', evidenceTarget(e), e, null);
}

function actionPlanItemTarget(i: ActionPlanItem) {
  return { unitId: i.unitId, year: null, controlPoint: null, entityId: `actionPlanItem:${i.id}` };
}

export function actionPlanItemCreated(i: ActionPlanItem, ctx: WriteContext): NewChange {
  return change(ctx, 'actionPlanItem.created', actionPlanItemTarget(i), null, i);
}

export function actionPlanItemUpdated(before: ActionPlanItem, after: ActionPlanItem, ctx: WriteContext): NewChange {
  return change(ctx, 'actionPlanItem.updated', actionPlanItemTarget(after), before, after);
}

export function seedImported(unitId: string, year: number, inserted: Record<string, number>, ctx: WriteContext): NewChange {
  return change(ctx, 'seed.imported', { unitId, year, controlPoint: null, entityId: `seed:${unitId}:${year}` }, null, inserted);
}

/** A new report year began; `before` is the year it follows (null for the first). */
export function yearStarted(unitId: string, year: number, previous: number | null, ctx: WriteContext): NewChange {
  const target = { unitId, year, controlPoint: null, entityId: `year:${unitId}:${year}` };
  return change(ctx, 'year.started', target, previous === null ? null : { year: previous }, { year, startedAt: ctx.now.toISOString() });
}

const unitTarget = (u: Unit) => ({ unitId: u.id, year: null, controlPoint: null, entityId: `unit:${u.id}` });

/** A unit created with its first report year (`year`). */
export function unitCreated(u: Unit, year: number, ctx: WriteContext): NewChange {
  return change(ctx, 'unit.created', { ...unitTarget(u), year }, null, u);
}

/** A unit changed: `unit.archived` when the change archived it, else `unit.updated` (renamed, people, restored). */
export function unitUpdated(before: Unit, after: Unit, ctx: WriteContext): NewChange {
  return change(ctx, !before.archived && after.archived ? 'unit.archived' : 'unit.updated', unitTarget(after), before, after);
}

/** The unit key of a change that is every unit's (the scale setup is the organisation's). */
export const ALL_UNITS = '*';

/** The DPO changed the scale setup; `after` names how many interpreted marks the change read again. */
export function scaleChanged(before: ScaleFacts, after: ScaleFacts & { version: number; remapped: number }, ctx: WriteContext): NewChange {
  const target = { unitId: ALL_UNITS, year: null, controlPoint: null, entityId: `scale:${after.version}` };
  return change(ctx, 'scale.changed', target, before, after);
}

/**
 * What a status request's change record keeps: who was asked about which control point, and by when.
 * Not the Teams account id of the person asked (only the bot addresses them) nor the request's idempotency key.
 */
export interface StatusRequestFacts {
  id: string;
  askedName: string;
  dueDate: string;
  requestedByName: string;
}

/** The DPO or the CISO asked for a new status (the answer is a status.added of its own). */
export function statusRequestCreated(r: StatusRequest, ctx: WriteContext): NewChange {
  const target = { unitId: r.unitId, year: r.year, controlPoint: r.controlPoint, entityId: `statusRequest:${r.id}` };
  const after: StatusRequestFacts = { id: r.id, askedName: r.askedName, dueDate: r.dueDate, requestedByName: r.requestedByName };
  return change(ctx, 'statusRequest.created', target, null, after);
}

/** The kinds BoardStore.logSettingChange logs: changes of settings, which no entity write carries. */
export function isSettingChange(kind: ChangeKind): boolean {
  return kind === 'scale.changed';
}

/** What a direct SharePoint edit touched: the entity kinds the change log names (entityId `<kind>:<id>`). */
export type EditedEntity =
  | 'assessment'
  | 'status'
  | 'activity'
  | 'instruction'
  | 'controlPoint'
  | 'actionPlanItem'
  | 'contact'
  /** A unit's row, and a row of its people responsible (src/store/sharepoint/unit-edits.ts). */
  | 'unit'
  | 'unitPerson'
  /** A link of "DPO Underlag (länkar)" (entityId `evidence:<item id>`, as evidence.added names it). */
  | 'evidence'
  /** A row of "DPO Statusförfrågningar" (entityId `statusRequest:<item id>`, as statusRequest.created names it). */
  | 'statusRequest';

/** Where a change about an entity points: its unit, year and control point when it has them. */
export interface EntityTarget {
  what: EditedEntity;
  /** The entity's id in its entityId (item id; an instruction's code; a control point's number). */
  key: string;
  unitId: string;
  year: number | null;
  controlPoint: number | null;
}

/** `after` of an edit.refused change: who tried what is the change's actor and this. */
export interface RefusedEdit {
  what: EditedEntity;
  action: 'add' | 'edit';
  /** The entity as the person left it. */
  attempted: unknown;
  /** Why, in both languages (the rule's refusal). */
  reason: Localized;
}

/** The target of an assessment or status row. */
export function targetOf(what: 'assessment' | 'status', e: Assessment | StatusUpdate): EntityTarget {
  return { what, key: String(e.id), unitId: e.unitId, year: e.year, controlPoint: e.controlPoint };
}

const entityId = (t: EntityTarget) => `${t.what}:${t.key}`;
const at = (t: EntityTarget) => ({ unitId: t.unitId, year: t.year, controlPoint: t.controlPoint, entityId: entityId(t) });

/** An assessment changed in place: history keeps both values (the row holds the corrected one). */
export function assessmentCorrected(before: Assessment, after: Assessment, ctx: WriteContext): NewChange {
  return change(ctx, 'assessment.corrected', at(targetOf('assessment', after)), before, after);
}

export function statusCorrected(before: StatusUpdate, after: StatusUpdate, ctx: WriteContext): NewChange {
  return change(ctx, 'status.corrected', at(targetOf('status', after)), before, after);
}

/** An edit someone was not allowed to make; `before` is what the board keeps (null for a new row). */
export function editRefused(target: EntityTarget, before: unknown, refused: RefusedEdit, ctx: WriteContext): NewChange {
  return change(ctx, 'edit.refused', at(target), before, refused);
}

/** A row deleted in the list; `before` is the last the board knew of it. */
export function itemDeleted(target: EntityTarget, before: unknown, ctx: WriteContext): NewChange {
  return change(ctx, 'item.deleted', at(target), before, null);
}

const POSTED: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'assessment.added',
  'status.added',
  'instruction.updated',
  'actionPlanItem.created',
  'actionPlanItem.updated',
  'assessment.corrected',
  'status.corrected',
  'edit.refused',
  'item.deleted',
  'evidence.added',
  'evidence.updated',
  'evidence.removed',
  'scale.changed',
  'unit.created',
  'unit.updated',
  'unit.archived',
  'statusRequest.created',
]);

/** Whether a change is a status change the channel hears about (the bot posts these). */
export function isStatusChange(kind: ChangeKind): boolean {
  return POSTED.has(kind);
}
