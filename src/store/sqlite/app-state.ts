/**
 * The app's own state on SQLite (migration 2): the bot's conversations, named cursors and
 * claim-once keys. Each call is one statement or one IMMEDIATE transaction, so it is atomic on
 * its own, also between processes sharing the file. A lease is a claim row with an expiry; its
 * token is the row's rowid and claimed_at, which a caller that takes the key over replaces.
 */
import type Database from 'better-sqlite3';
import type { Locale } from '../../domain/model.js';
import type { AppStateStore, ConversationScope, Lease, SavedConversation, SettingUpdate } from '../port.js';

type Row = Record<string, unknown>;

function toConversation(r: Row): SavedConversation {
  return {
    id: String(r.id),
    scope: String(r.scope) as ConversationScope,
    reference: JSON.parse(String(r.reference_json)) as Record<string, unknown>,
    locale: String(r.locale) as Locale,
    subscribed: Number(r.subscribed) === 1,
    digest: Number(r.digest) !== 0,
    updatedAt: String(r.updated_at),
  };
}

/** The digest column as saved: 1 or 0, or null to keep what the row has (a new row: on). */
const digestOf = (c: SavedConversation): number | null => (c.digest === undefined ? null : c.digest ? 1 : 0);

export class SqliteAppState implements AppStateStore {
  constructor(private readonly db: Database.Database) {}

  async saveConversation(c: SavedConversation): Promise<{ created: boolean }> {
    return this.db
      .transaction(() => {
        const existed = this.db.prepare('SELECT 1 FROM app_conversations WHERE id = ?').get(c.id) !== undefined;
        this.db
          .prepare(
            `INSERT INTO app_conversations (id, scope, reference_json, locale, subscribed, digest, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, COALESCE(?, 1), ?, ?)
           ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, reference_json = excluded.reference_json,
             locale = excluded.locale, subscribed = excluded.subscribed, updated_at = excluded.updated_at,
             digest = COALESCE(?, digest)`,
          )
          .run(
            c.id,
            c.scope,
            JSON.stringify(c.reference),
            c.locale,
            c.subscribed ? 1 : 0,
            digestOf(c),
            c.updatedAt,
            c.updatedAt,
            digestOf(c),
          );
        return { created: !existed };
      })
      .immediate();
  }

  async getConversation(id: string): Promise<SavedConversation | null> {
    const row = this.db.prepare('SELECT * FROM app_conversations WHERE id = ?').get(id) as Row | undefined;
    return row ? toConversation(row) : null;
  }

  async removeConversation(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM app_conversations WHERE id = ?').run(id).changes > 0;
  }

  async listConversations(): Promise<SavedConversation[]> {
    return (this.db.prepare('SELECT * FROM app_conversations ORDER BY created_at, id').all() as Row[]).map(toConversation);
  }

  async getCursor(name: string): Promise<number | null> {
    const row = this.db.prepare('SELECT value FROM app_cursors WHERE name = ?').get(name) as Row | undefined;
    return row ? Number(row.value) : null;
  }

  async setCursor(name: string, value: number): Promise<void> {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cursor ${name}: ${value} is not a sequence number`);
    this.db
      .prepare(
        `INSERT INTO app_cursors (name, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(name, value, new Date().toISOString());
  }

  async getSetting(name: string): Promise<unknown> {
    return this.readSetting(name);
  }

  private readSetting(name: string): unknown {
    const row = this.db.prepare('SELECT value_json FROM app_settings WHERE name = ?').get(name) as Row | undefined;
    return row ? (JSON.parse(String(row.value_json)) as unknown) : null;
  }

  async putSetting(name: string, value: unknown): Promise<void> {
    this.writeSetting(name, value);
  }

  private writeSetting(name: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO app_settings (name, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(name, JSON.stringify(value), new Date().toISOString());
  }

  /** Read and written in one IMMEDIATE transaction: no other connection or process writes in between. */
  async updateSetting<T>(name: string, change: (current: unknown) => T | undefined): Promise<SettingUpdate<T>> {
    return this.db
      .transaction((): SettingUpdate<T> => {
        const current = this.readSetting(name);
        const next = change(current);
        if (next === undefined) return { written: false, value: current };
        this.writeSetting(name, next);
        return { written: true, value: next };
      })
      .immediate();
  }

  async advanceCursor(name: string, value: number): Promise<number> {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cursor ${name}: ${value} is not a sequence number`);
    const row = this.db
      .prepare(
        `INSERT INTO app_cursors (name, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value = max(app_cursors.value, excluded.value), updated_at = excluded.updated_at
         RETURNING value`,
      )
      .get(name, value, new Date().toISOString()) as Row;
    return Number(row.value);
  }

  async acquireLease(key: string, now: Date, ttlMs: number): Promise<Lease | null> {
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    return this.db
      .transaction((): Lease | null => {
        this.db.prepare('DELETE FROM app_claims WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?').run(key, at);
        const inserted = this.db
          .prepare('INSERT OR IGNORE INTO app_claims (key, claimed_at, expires_at) VALUES (?, ?, ?)')
          .run(key, at, expiresAt);
        return inserted.changes === 1 ? { key, token: `${inserted.lastInsertRowid}@${at}`, expiresAt } : null;
      })
      .immediate();
  }

  async renewLease(lease: Lease, now: Date, ttlMs: number): Promise<Lease | null> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    return this.whereHeld(lease, 'UPDATE app_claims SET expires_at = ?', expiresAt) ? { ...lease, expiresAt } : null;
  }

  async completeLease(lease: Lease, now: Date, keepMs?: number): Promise<boolean> {
    const keptUntil = keepMs === undefined ? null : new Date(now.getTime() + keepMs).toISOString();
    return this.whereHeld(lease, 'UPDATE app_claims SET expires_at = ?', keptUntil);
  }

  async releaseLease(lease: Lease): Promise<void> {
    this.whereHeld(lease, 'DELETE FROM app_claims');
  }

  /** Runs the statement on the lease's row if it still holds the token (not taken over since). */
  private whereHeld(lease: Lease, statement: string, ...values: unknown[]): boolean {
    const at = lease.token.indexOf('@');
    const rowid = Number(lease.token.slice(0, at));
    const claimedAt = lease.token.slice(at + 1);
    const held = this.db.prepare(`${statement} WHERE key = ? AND rowid = ? AND claimed_at = ?`);
    return held.run(...values, lease.key, rowid, claimedAt).changes === 1;
  }

  async claimOnce(key: string, now: Date, ttlMs?: number): Promise<boolean> {
    const at = now.toISOString();
    const expires = ttlMs === undefined ? null : new Date(now.getTime() + ttlMs).toISOString();
    return this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM app_claims WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?').run(key, at);
        return (
          this.db.prepare('INSERT OR IGNORE INTO app_claims (key, claimed_at, expires_at) VALUES (?, ?, ?)').run(key, at, expires)
            .changes === 1
        );
      })
      .immediate();
  }
}
