/**
 * State shared by every instance of the app, in the hidden "DPO Board App State" list:
 * one item per key (Title, unique), its JSON value in `Value`, updated only under the
 * item's eTag (If-Match) so two instances never both win a read-modify-write, and
 * claim-once keys that only one instance can create.
 */
import { GraphHttpError } from '../../graph/client.js';
import { etagOf, type ListItem } from './items.js';
import type { SharePointStore } from './sharepoint-store.js';
import { odataString } from './site.js';

export interface StateEntry<T> {
  value: T;
  eTag: string;
  itemId: string;
}

export class SharePointAppState {
  constructor(private readonly store: SharePointStore) {}

  async get<T>(key: string): Promise<StateEntry<T> | null> {
    const { found } = await this.store.readMany({ found: { list: 'appState', filter: `fields/Title eq ${odataString(key)}` } });
    const item = found.find((i) => i.fields?.Title === key);
    if (!item) return null;
    return { value: parseValue<T>(item), eTag: etagOf(item), itemId: item.id };
  }

  /**
   * Writes `value` if the entry is still as read (`expected`; null = must not exist yet).
   * Null when another instance got there first (412, or 409 on the unique key); otherwise
   * the entry as written, with its new eTag.
   */
  async put<T>(key: string, value: T, expected: StateEntry<unknown> | null, expiresAt?: Date): Promise<StateEntry<T> | null> {
    const fields = { Value: JSON.stringify(value), ...(expiresAt ? { ExpiresAt: expiresAt.toISOString() } : {}) };
    try {
      if (expected) {
        const written = await this.store.patchItem('appState', expected.itemId, fields, expected.eTag);
        return { value, eTag: written, itemId: expected.itemId };
      }
      const item = await this.store.createItem('appState', { Title: key, ...fields });
      return { value, eTag: etagOf(item), itemId: item.id };
    } catch (error) {
      if (error instanceof GraphHttpError && (error.status === 412 || error.status === 409)) return null;
      throw error;
    }
  }

  /** Reads, changes and writes under the eTag, retrying when another instance wrote in between. */
  async update<T>(key: string, change: (current: T | null) => T, attempts = 5): Promise<T> {
    for (let i = 0; i < attempts; i += 1) {
      const current = await this.get<T>(key);
      const next = change(current?.value ?? null);
      if (await this.put(key, next, current)) return next;
    }
    throw new Error(`app state ${key}: too many concurrent writers`);
  }

  /** True for exactly one caller across all instances (the key's item is created once). */
  async claimOnce(key: string, value: unknown = true, expiresAt?: Date): Promise<boolean> {
    return (await this.put(key, value, null, expiresAt)) !== null;
  }
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
