/**
 * The one way a direct edit of a list is claimed or refused (./sync.ts for the board's lists, ./unit-edits.ts
 * for the units' lists). Claiming writes under the eTag the delta gave (If-Match,
 * https://learn.microsoft.com/en-us/graph/api/listitem-update): of two instances that see the same edit
 * exactly one wins, the other gets 412 and leaves it. A refused edit is put back (`restore`, under the eTag)
 * or, a new row, marked refused (under the eTag) and deleted; either way one edit.refused change says who
 * tried what, and why, in both languages.
 */
import * as changes from '../../domain/changes.js';
import type { EntityTarget } from '../../domain/changes.js';
import type { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { WriteContext } from '../../domain/rules.js';
import { GraphHttpError } from '../../graph/client.js';
import { errorWords } from '../../words/errors.js';
import type { SharePointData } from './data-access.js';
import { etagOf, type ListItem } from './items.js';
import type { ListKey } from './schema.js';

type Fields = Record<string, unknown>;

/** The AppSnapshot of a new row that was refused (claimed under its eTag, then deleted). */
export const REFUSED_MARK = JSON.stringify({ refused: true });

/** The actor of a change the list itself made: delta names no deleter (https://learn.microsoft.com/en-us/graph/api/listitem-delta). */
export const SHAREPOINT: Actor = { id: 'sharepoint', displayName: 'SharePoint', roles: [], grants: [] };

export function listContext(): WriteContext {
  return { actor: SHAREPOINT, source: 'sharepoint', now: new Date() };
}

/** The app-state claim that records a row's deletion once across instances (the sync, and the app when it deletes). */
export function deletionClaim(key: ListKey, itemId: string): string {
  return `deleted:${key}:${itemId}`;
}

/** A new row this app marked refused (and is deleting). */
export function isRefusedRow(item: ListItem): boolean {
  return item.fields?.AppSnapshot === REFUSED_MARK;
}

/** PATCH under the delta's eTag; false when another instance claimed it first or the person edited again. */
export async function claimItem(data: SharePointData, key: ListKey, item: ListItem, fields: Fields): Promise<boolean> {
  try {
    await data.patchItem(key, item.id, fields, etagOf(item));
    return true;
  } catch (error) {
    if (error instanceof GraphHttpError && error.status === 412) return false;
    throw error;
  }
}

/** An edit that is not allowed, as the edit.refused change keeps it: `before` is what the board keeps (null for a new row). */
export interface Refusal {
  target: EntityTarget;
  before: object | null;
  attempted: object;
  error: DomainError;
  ctx: WriteContext;
}

/** Puts the row back (`restore`) or, a new row (`restore` null), marks and deletes it; one edit.refused. False when not claimed. */
export async function refuseEdit(
  data: SharePointData,
  key: ListKey,
  item: ListItem,
  refusal: Refusal,
  restore: Fields | null,
): Promise<boolean> {
  const { target, before, attempted, error, ctx } = refusal;
  const action = before === null ? 'add' : 'edit';
  const change = changes.editRefused(target, before, { what: target.what, action, attempted, reason: errorWords(error) }, ctx);
  if (!(await claimItem(data, key, item, restore ?? { AppSnapshot: REFUSED_MARK }))) return false;
  await data.appendChange(change);
  if (!restore) await dropItem(data, key, item);
  return true;
}

/** Deletes a refused row; another instance may have deleted it already. */
export async function dropItem(data: SharePointData, key: ListKey, item: ListItem): Promise<void> {
  await data.deleteItem(key, item.id).catch(() => undefined);
}
