/**
 * Rules for the action plan's own items (åtgärder): the items that are neither instructions nor
 * trainings ("Införande av PU-register och informationssäkerhetsdatabas (2024-12-31)").
 * The CISO and the unit's editors create and change them (writePlan); every store calls these
 * before it persists anything, and so does the SharePoint sync for a direct edit in "DPO Åtgärder".
 */
import { DomainError, details } from './errors.js';
import type { ActionPlanItem } from './model.js';
import { INSTRUCTION_STATES } from './model.js';
import { isIsoDate } from './period.js';
import { authorize, checkPeriod, checkText, checkVersion, LIMITS, notDate, type WriteContext } from './rules.js';

/** The fields a person edits, in the order the tab and the lists show them. */
export const ACTION_PLAN_ITEM_FIELDS = ['text', 'state', 'periodFrom', 'periodTo', 'dueDate', 'instruction'] as const;

type ItemContent = Pick<ActionPlanItem, (typeof ACTION_PLAN_ITEM_FIELDS)[number]>;

/** A new item of the action plan; it goes last in the plan's order. */
export type NewActionPlanItem = ItemContent & Pick<ActionPlanItem, 'unitId'>;

/** A change of some of an item's fields, made under the version the person started from. */
export type ActionPlanItemPatch = Partial<ItemContent> & { expectedVersion?: number };

function checkContent(item: ItemContent, knownInstructions: readonly number[] | null): void {
  checkText(item.text, LIMITS.activityText, 'text', true);
  if (!INSTRUCTION_STATES.includes(item.state)) {
    throw new DomainError('invalid_input', details(`${String(item.state)} är inget läge`, `${String(item.state)} is not a state`));
  }
  checkPeriod(item.periodFrom, item.periodTo);
  if (item.dueDate !== null && !isIsoDate(item.dueDate)) throw new DomainError('invalid_input', notDate(item.dueDate));
  if (item.instruction !== null && knownInstructions !== null && !knownInstructions.includes(item.instruction)) {
    const n = String(item.instruction).padStart(2, '0');
    throw new DomainError('unprocessable', details(`anvisning IIFS ${n} finns inte`, `there is no instruction IIFS ${n}`));
  }
}

/**
 * The new item as it is stored (id and position are the store's). `knownInstructions` are the unit's
 * instruction numbers; null where they are not at hand (a direct edit checks the text, state and dates only).
 */
export function checkNewActionPlanItem(
  input: NewActionPlanItem,
  knownInstructions: readonly number[] | null,
  ctx: WriteContext,
): Omit<ActionPlanItem, 'id' | 'position'> {
  authorize(ctx.actor, 'writePlan', input.unitId);
  const item = { ...input, text: input.text.trim() };
  checkContent(item, knownInstructions);
  return { ...item, version: 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor.id };
}

/** The item after a patch; the version moves on by one. */
export function applyActionPlanItemPatch(
  before: ActionPlanItem,
  patch: ActionPlanItemPatch,
  knownInstructions: readonly number[] | null,
  ctx: WriteContext,
): ActionPlanItem {
  authorize(ctx.actor, 'writePlan', before.unitId);
  checkVersion(before.version, patch.expectedVersion);
  const pick = <K extends (typeof ACTION_PLAN_ITEM_FIELDS)[number]>(k: K): ActionPlanItem[K] =>
    patch[k] === undefined ? before[k] : (patch[k] as ActionPlanItem[K]);
  const after: ActionPlanItem = {
    ...before,
    text: pick('text').trim(),
    state: pick('state'),
    periodFrom: pick('periodFrom'),
    periodTo: pick('periodTo'),
    dueDate: pick('dueDate'),
    instruction: pick('instruction'),
    version: before.version + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  };
  const changedInstruction = patch.instruction !== undefined && patch.instruction !== before.instruction;
  checkContent(after, changedInstruction ? knownInstructions : null);
  return after;
}
