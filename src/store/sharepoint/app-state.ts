/**
 * State shared by every instance of the app, in the hidden "DPO Board App State" list:
 * one item per key (Title, unique), its JSON value in `Value`, updated only under the
 * item's eTag (If-Match) so two instances never both win a read-modify-write, and
 * claim-once keys that only one instance can create.
 */
import { GraphHttpError } from '../../graph/client.js';
import { etagOf, type ListItem } from './items.js';
import type { SharePointData } from './data-access.js';
import { odataString } from './site.js';

export interface StateEntry<T> {
  value: T;
  eTag: string;
  itemId: string;
  expiresAt: string | null;
}

export class SharePointAppState {
  constructor(private readonly store: SharePointData) {}

  async get<T>(key: string): Promise<StateEntry<T> | null> {
    const { found } = await this.store.readMany({ found: { list: 'appState', filter: `fields/Title eq ${odataString(key)}` } });
    // The oldest item holds the key (a site that does not enforce unique keys may have later duplicates).
    const item = found.filter((i) => i.fields?.Title === key).sort((a, b) => Number(a.id) - Number(b.id))[0];
    return item ? toEntry<T>(item) : null;
  }

  /** Every entry of a kind, oldest first (item ids grow with creation). */
  async list<T>(kind: string): Promise<(StateEntry<T> & { key: string })[]> {
    const { found } = await this.store.readMany({ found: { list: 'appState', filter: `fields/Kind eq ${odataString(kind)}` } });
    return found
      .filter((i) => i.fields?.Kind === kind)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((i) => ({ ...toEntry<T>(i), key: String(i.fields?.Title) }));
  }

  /** Deletes the entry (under its eTag when given); false when it was already gone or changed. */
  async remove(entry: StateEntry<unknown>, underETag = false): Promise<boolean> {
    try {
      await this.store.deleteItem('appState', entry.itemId, underETag ? entry.eTag : undefined);
      return true;
    } catch (error) {
      if (error instanceof GraphHttpError && (error.status === 404 || error.status === 412)) return false;
      throw error;
    }
  }

  /**
   * Writes `value` if the entry is still as read (`expected`; null = must not exist yet).
   * Null when another instance got there first (412, or 409 on the unique key); otherwise
   * the entry as written, with its new eTag.
   */
  async put<T>(
    key: string,
    value: T,
    expected: StateEntry<unknown> | null,
    expiresAt?: Date | null,
    kind = 'sync',
  ): Promise<StateEntry<T> | null> {
    const fields = {
      Value: JSON.stringify(value),
      Kind: kind,
      ...(expiresAt !== undefined ? { ExpiresAt: expiresAt?.toISOString() ?? null } : {}),
    };
    try {
      if (expected) {
        const written = await this.store.patchForETag('appState', expected.itemId, fields, expected.eTag);
        return {
          value,
          eTag: written,
          itemId: expected.itemId,
          expiresAt: expiresAt === undefined ? expected.expiresAt : (expiresAt?.toISOString() ?? null),
        };
      }
      const item = await this.store.createItem('appState', { Title: key, ...fields });
      return { value, eTag: etagOf(item), itemId: item.id, expiresAt: expiresAt?.toISOString() ?? null };
    } catch (error) {
      if (error instanceof GraphHttpError && (error.status === 412 || error.status === 409 || isUniqueViolation(error))) return null;
      throw error;
    }
  }

  /**
   * Where the site does not enforce the unique key, two instances could both create it: the
   * oldest item wins, and a later duplicate is removed again.
   */
  private async firstOf(key: string, mine: StateEntry<unknown>): Promise<boolean> {
    const { found } = await this.store.readMany({ found: { list: 'appState', filter: `fields/Title eq ${odataString(key)}` } });
    const ids = found.filter((i) => i.fields?.Title === key).map((i) => Number(i.id));
    if (ids.length <= 1 || Math.min(...ids) === Number(mine.itemId)) return true;
    await this.remove(mine);
    return false;
  }

  /** Reads, changes and writes under the eTag, retrying when another instance wrote in between. */
  async update<T>(key: string, change: (current: T | null) => T, kind = 'sync', attempts = 8): Promise<{ value: T; created: boolean }> {
    const { value, created } = await this.swap<T>(key, change, { kind, attempts, oldestWins: false });
    return { value: value as T, created };
  }

  /**
   * Compare-and-swap: `change` sees the value as kept and answers the next one, or undefined to keep it.
   * Written under the item's eTag (If-Match); a new key is created once (the unique Title, and with
   * `oldestWins` the oldest item where the site does not enforce it). Another instance's write in between
   * (412, 409) makes it read again and ask `change` again.
   */
  async swap<T>(
    key: string,
    change: (current: T | null) => T | undefined,
    { kind = 'sync', attempts = 8, oldestWins = true }: { kind?: string; attempts?: number; oldestWins?: boolean } = {},
  ): Promise<{ written: boolean; value: T | null; created: boolean }> {
    for (let i = 0; i < attempts; i += 1) {
      const current = await this.get<T>(key);
      const next = change(current?.value ?? null);
      if (next === undefined) return { written: false, value: current?.value ?? null, created: false };
      const written = await this.put(key, next, current, undefined, kind);
      if (written && (current || !oldestWins || (await this.firstOf(key, written)))) {
        return { written: true, value: next, created: current === null };
      }
    }
    throw new Error(`app state ${key}: too many concurrent writers`);
  }

  /**
   * True for exactly one caller across all instances: the key's item is created once (Title
   * is unique). An expired claim is taken over under its eTag, so again only one caller wins.
   */
  async claimOnce(key: string, now: Date, expiresAt: Date | null): Promise<boolean> {
    return (await this.claim(key, now, expiresAt)) !== null;
  }

  /** claimOnce that answers the claim's entry: its eTag is the proof of holding it (a lease). */
  async claim(key: string, now: Date, expiresAt: Date | null): Promise<StateEntry<string> | null> {
    const created = await this.put(key, now.toISOString(), null, expiresAt, 'claim');
    if (created && (await this.firstOf(key, created))) return created;
    const current = await this.get<string>(key);
    if (!current) return this.put(key, now.toISOString(), null, expiresAt, 'claim');
    if (current.expiresAt === null || Date.parse(current.expiresAt) > now.getTime()) return null;
    return this.put(key, now.toISOString(), current, expiresAt, 'claim');
  }
}

/** SharePoint refuses a duplicate in a unique column; Graph words it as a 409 or a 400 naming the uniqueness. */
function isUniqueViolation(error: GraphHttpError): boolean {
  return error.status === 400 && /unique|duplicate|already exists/i.test(error.message);
}

function toEntry<T>(item: ListItem): StateEntry<T> {
  const expires = item.fields?.ExpiresAt;
  return {
    value: parseValue<T>(item),
    eTag: etagOf(item),
    itemId: item.id,
    expiresAt: typeof expires === 'string' && expires ? expires : null,
  };
}

function parseValue<T>(item: ListItem): T {
  const raw = item.fields?.Value;
  if (typeof raw !== 'string' || raw === '') return null as T;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null as T;
  }
}
