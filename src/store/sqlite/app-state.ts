/**
 * The app's own state on SQLite (migration 2): the bot's conversations, named cursors and
 * claim-once keys. Each call is one statement, so it is atomic on its own.
 */
import type Database from 'better-sqlite3';
import type { Locale } from '../../domain/model.js';
import type { AppStateStore, ConversationScope, SavedConversation } from '../port.js';

type Row = Record<string, unknown>;

function toConversation(r: Row): SavedConversation {
  return {
    id: String(r.id),
    scope: String(r.scope) as ConversationScope,
    reference: JSON.parse(String(r.reference_json)) as Record<string, unknown>,
    locale: String(r.locale) as Locale,
    subscribed: Number(r.subscribed) === 1,
    updatedAt: String(r.updated_at),
  };
}

export class SqliteAppState implements AppStateStore {
  constructor(private readonly db: Database.Database) {}

  async saveConversation(c: SavedConversation): Promise<{ created: boolean }> {
    return this.db.transaction(() => {
      const existed = this.db.prepare('SELECT 1 FROM app_conversations WHERE id = ?').get(c.id) !== undefined;
      this.db
        .prepare(
          `INSERT INTO app_conversations (id, scope, reference_json, locale, subscribed, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, reference_json = excluded.reference_json,
             locale = excluded.locale, subscribed = excluded.subscribed, updated_at = excluded.updated_at`,
        )
        .run(c.id, c.scope, JSON.stringify(c.reference), c.locale, c.subscribed ? 1 : 0, c.updatedAt, c.updatedAt);
      return { created: !existed };
    }).immediate();
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

  async claimOnce(key: string, now: Date, ttlMs?: number): Promise<boolean> {
    const at = now.toISOString();
    const expires = ttlMs === undefined ? null : new Date(now.getTime() + ttlMs).toISOString();
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM app_claims WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?').run(key, at);
      return this.db.prepare('INSERT OR IGNORE INTO app_claims (key, claimed_at, expires_at) VALUES (?, ?, ?)').run(key, at, expires).changes === 1;
    }).immediate();
  }
}
