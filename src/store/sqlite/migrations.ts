/**
 * Versioned schema migrations. `PRAGMA user_version` records how many have run;
 * each runs once, in its own transaction, in order. Append new ones; never edit old ones.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: the board's model and the change log
  `
  CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL
  );
  CREATE TABLE report_years (
    unit_id TEXT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, year)
  );
  CREATE TABLE work_packages (
    unit_id TEXT NOT NULL REFERENCES units(id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    expected_end TEXT,
    state TEXT NOT NULL CHECK (state IN ('ongoing', 'done')),
    PRIMARY KEY (unit_id, key)
  );
  CREATE TABLE control_points (
    unit_id TEXT NOT NULL REFERENCES units(id),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 12),
    title TEXT NOT NULL,
    owner TEXT NOT NULL,
    work_packages TEXT NOT NULL DEFAULT '[]',
    expected_end TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (unit_id, number)
  );
  CREATE TABLE focus_areas (
    unit_id TEXT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    focus_year INTEGER NOT NULL,
    control_point INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year, control_point)
  );
  CREATE TABLE assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    control_point INTEGER NOT NULL,
    level INTEGER NOT NULL,
    comment TEXT NOT NULL,
    assessed_by TEXT NOT NULL,
    assessed_by_name TEXT NOT NULL,
    assessed_at TEXT NOT NULL,
    request_id TEXT UNIQUE,
    seed_key TEXT UNIQUE
  );
  CREATE INDEX assessments_by_cp ON assessments (unit_id, control_point, year);
  CREATE TABLE status_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    control_point INTEGER NOT NULL,
    status_date TEXT NOT NULL,
    text TEXT NOT NULL,
    unit_level INTEGER,
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    request_id TEXT UNIQUE,
    seed_key TEXT UNIQUE
  );
  CREATE INDEX status_by_cp ON status_updates (unit_id, control_point, year);
  CREATE TABLE activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    control_point INTEGER NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('planned', 'ongoing', 'done')),
    due_from TEXT,
    due_to TEXT,
    work_package TEXT,
    position INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    request_id TEXT UNIQUE,
    seed_key TEXT UNIQUE
  );
  CREATE INDEX activities_by_cp ON activities (unit_id, control_point);
  CREATE TABLE instructions (
    unit_id TEXT NOT NULL REFERENCES units(id),
    number INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'ongoing', 'planned')),
    planned_quarter TEXT,
    group_name TEXT,
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (unit_id, number)
  );
  CREATE TABLE trainings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    title TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'planned')),
    planned_quarter TEXT,
    seed_key TEXT UNIQUE
  );
  CREATE TABLE sub_projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    seed_key TEXT UNIQUE
  );
  CREATE TABLE projects (
    unit_id TEXT PRIMARY KEY REFERENCES units(id),
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL
  );
  CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    source TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    year INTEGER,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    control_point INTEGER,
    before_json TEXT,
    after_json TEXT
  );
  CREATE INDEX changes_by_cp ON changes (unit_id, control_point, seq);
  `,
  // 2: the app's own state: bot conversations, named cursors, claim-once keys
  `
  CREATE TABLE app_conversations (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('personal', 'groupChat', 'channel')),
    reference_json TEXT NOT NULL,
    locale TEXT NOT NULL CHECK (locale IN ('sv', 'en')),
    subscribed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE app_cursors (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE app_claims (
    key TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL,
    expires_at TEXT
  );
  `,
  // 3: the report reconciled (issue 12): an instruction's state may be 'notStated'; instructions and trainings are
  // planned over a period (planned_from .. planned_quarter); focus areas keep their slide's text; action-plan items
  // that are neither instructions nor trainings; the unit's contact
  `
  CREATE TABLE instructions_v3 (
    unit_id TEXT NOT NULL REFERENCES units(id),
    number INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'ongoing', 'planned', 'notStated')),
    planned_from TEXT,
    planned_quarter TEXT,
    group_name TEXT,
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (unit_id, number)
  );
  INSERT INTO instructions_v3 (unit_id, number, code, title, state, planned_quarter, group_name, note, version, updated_at, updated_by)
    SELECT unit_id, number, code, title, state, planned_quarter, group_name, note, version, updated_at, updated_by FROM instructions;
  DROP TABLE instructions;
  ALTER TABLE instructions_v3 RENAME TO instructions;
  ALTER TABLE trainings ADD COLUMN planned_from TEXT;
  ALTER TABLE focus_areas ADD COLUMN text TEXT;
  CREATE TABLE action_plan_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    text TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'ongoing', 'planned', 'notStated')),
    period_from TEXT,
    period_to TEXT,
    due_date TEXT,
    instruction INTEGER,
    position INTEGER NOT NULL,
    seed_key TEXT UNIQUE
  );
  CREATE TABLE contacts (
    unit_id TEXT PRIMARY KEY REFERENCES units(id),
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    email TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  );
  `,
  // 4: named settings the app keeps as JSON (the DPO's scale setup, src/domain/interpretation.ts).
  `
  CREATE TABLE app_settings (
    name TEXT PRIMARY KEY,
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 5: evidence (underlag) linked to a control point (issue 12 item 4, src/domain/evidence.ts).
  `
  CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    control_point INTEGER NOT NULL CHECK (control_point BETWEEN 1 AND 12),
    title TEXT NOT NULL,
    url TEXT NOT NULL CHECK (url LIKE 'https://%'),
    kind TEXT NOT NULL CHECK (kind IN ('policy', 'routine', 'minutes', 'registerExtract', 'other')),
    date TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_by_name TEXT NOT NULL,
    added_at TEXT NOT NULL
  );
  CREATE INDEX evidence_by_control_point ON evidence (unit_id, control_point);
  `,
  // 6: a repeated add of evidence (same Idempotency-Key) answers the first one's row.
  `
  ALTER TABLE evidence ADD COLUMN request_id TEXT;
  CREATE UNIQUE INDEX evidence_by_request ON evidence (request_id) WHERE request_id IS NOT NULL;
  `,
  // 7: action-plan items are edited from the tab (issue 12 item 2): a version for optimistic concurrency and who changed
  // them last; rows from an import take the time and actor of the unit's first seed.imported change.
  `
  ALTER TABLE action_plan_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE action_plan_items ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
  ALTER TABLE action_plan_items ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
  UPDATE action_plan_items SET
    updated_at = COALESCE((SELECT at FROM changes c WHERE c.kind = 'seed.imported' AND c.unit_id = action_plan_items.unit_id ORDER BY seq LIMIT 1), ''),
    updated_by = COALESCE((SELECT actor_id FROM changes c WHERE c.kind = 'seed.imported' AND c.unit_id = action_plan_items.unit_id ORDER BY seq LIMIT 1), '');
  `,
  // 8: status requests (issue 13 item 3, src/domain/status-requests.ts): the DPO or the CISO asks the person responsible
  // for a control point for a new status; answered once (status_update_id), the request id of a repeated ask answers the first.
  `
  CREATE TABLE status_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    control_point INTEGER NOT NULL CHECK (control_point BETWEEN 1 AND 12),
    requested_by TEXT NOT NULL,
    requested_by_name TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    asked_id TEXT NOT NULL,
    asked_name TEXT NOT NULL,
    due_date TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'answered')),
    answered_by TEXT,
    answered_by_name TEXT,
    answered_at TEXT,
    status_update_id INTEGER,
    request_id TEXT
  );
  CREATE INDEX status_requests_open ON status_requests (state, due_date);
  CREATE UNIQUE INDEX status_requests_by_request ON status_requests (request_id) WHERE request_id IS NOT NULL;
  `,
  // 9: the weekly digest can be switched off per conversation (issue 13 item 4, src/schedule/): 1 on, 0 off.
  `
  ALTER TABLE app_conversations ADD COLUMN digest INTEGER NOT NULL DEFAULT 1 CHECK (digest IN (0, 1));
  `,
  // 10: a repeated add of an action-plan item (same Idempotency-Key) answers the first one's row.
  `
  ALTER TABLE action_plan_items ADD COLUMN request_id TEXT;
  CREATE UNIQUE INDEX action_plan_items_by_request ON action_plan_items (request_id) WHERE request_id IS NOT NULL;
  `,
  // 11: units as data (issue 14 item 1, src/domain/units.ts): an English name, archived and example marks, a version, the
  // request id of a create (a repeated Idempotency-Key answers the first), and the people responsible for each unit.
  `
  ALTER TABLE units ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
  UPDATE units SET name_en = name;
  ALTER TABLE units ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
  ALTER TABLE units ADD COLUMN example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1));
  ALTER TABLE units ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE units ADD COLUMN request_id TEXT;
  CREATE UNIQUE INDEX units_by_request ON units (request_id) WHERE request_id IS NOT NULL;
  CREATE TABLE unit_people (
    unit_id TEXT NOT NULL REFERENCES units(id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('dpo', 'ciso', 'editor', 'reader')),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    aad_object_id TEXT,
    PRIMARY KEY (unit_id, position)
  );
  `,
];

/** Brings the schema up to date; returns how many migrations ran. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this app (${MIGRATIONS.length})`);
  }
  const pending = MIGRATIONS.slice(current);
  pending.forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
  return pending.length;
}
