/** The change events a write produces. Each write appends exactly one. */
import type {
  Activity,
  Assessment,
  ChangeKind,
  ControlPoint,
  Instruction,
  NewChange,
  StatusUpdate,
} from './model.js';
import type { WriteContext } from './rules.js';

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

export function seedImported(unitId: string, year: number, inserted: Record<string, number>, ctx: WriteContext): NewChange {
  return change(ctx, 'seed.imported', { unitId, year, controlPoint: null, entityId: `seed:${unitId}:${year}` }, null, inserted);
}

/** A new report year began; `before` is the year it follows (null for the first). */
export function yearStarted(unitId: string, year: number, previous: number | null, ctx: WriteContext): NewChange {
  const target = { unitId, year, controlPoint: null, entityId: `year:${unitId}:${year}` };
  return change(ctx, 'year.started', target, previous === null ? null : { year: previous }, { year, startedAt: ctx.now.toISOString() });
}

/** Whether a change is a status change the channel hears about (the bot posts these). */
export function isStatusChange(kind: ChangeKind): boolean {
  return kind === 'assessment.added' || kind === 'status.added' || kind === 'instruction.updated';
}
