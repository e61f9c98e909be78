/**
 * Migrations 7 and 10 on a database made before them (issue 12 item 2): action-plan items imported earlier get
 * version 1 and the time and actor of the unit's first seed.imported change, and a request id column for
 * Idempotency-Key repeats; the rows themselves are kept as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { tempDataDir } from '../../helpers/server.js';

describe('migrations 7 and 10 (action-plan items edited from the tab)', () => {
  it('upgrades a database made by migrations 1–6, keeping the items and naming who imported them', () => {
    const dir = tempDataDir();
    const db = new Database(path.join(dir, 'old.sqlite'));
    for (const [i, sql] of MIGRATIONS.slice(0, 6).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    }
    db.prepare("INSERT INTO units (id, name, organisation) VALUES ('intraservice', 'Intraservice', 'Göteborgs Stad')").run();
    const change = db.prepare(
      `INSERT INTO changes (at, actor_id, actor_name, source, unit_id, year, kind, entity_id, control_point, before_json, after_json)
       VALUES (?, ?, 'Import', 'seed', 'intraservice', 2023, ?, 'seed:intraservice:2023', NULL, NULL, '{}')`,
    );
    change.run('2026-11-01T08:00:00.000Z', 'system', 'seed.imported');
    change.run('2026-11-02T08:00:00.000Z', 'other', 'seed.imported');
    db.prepare(
      `INSERT INTO action_plan_items (unit_id, text, state, period_from, period_to, due_date, instruction, position, seed_key)
       VALUES ('intraservice', 'Införande av PU-register', 'ongoing', '2024-Q4', '2025-Q1', '2024-12-31', NULL, 0, 'item:1')`,
    ).run();
    expect(migrate(db)).toBe(MIGRATIONS.length - 6);
    expect(db.prepare('SELECT text, state, due_date, version, updated_at, updated_by, request_id FROM action_plan_items').get()).toEqual({
      text: 'Införande av PU-register',
      state: 'ongoing',
      due_date: '2024-12-31',
      version: 1,
      updated_at: '2026-11-01T08:00:00.000Z',
      updated_by: 'system',
      request_id: null,
    });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
