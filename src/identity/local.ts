/**
 * AUTH_MODE=local: the demo users of LOCAL_USERS_FILE (config/local-users.json). A request names
 * one in X-Local-User; a Teams user acts as the demo user BOT_LOCAL_USERS_FILE maps them to
 * (bot/local-teams-users.json); a SharePoint editor is the demo user with their object id or
 * e-mail address. Never in production (src/config.ts refuses it).
 *
 * A demo user holds `roles`, in the units of `units` ('*' = every unit; without `units`, the default
 * unit only, src/identity/actor.ts). The file is read again when it changes (LocalUsersFile), so
 * roles per unit are changed without a restart.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ALL_UNITS, ROLES, type Grant } from '../domain/roles.js';
import { unscopedGrants, type UnitDefaults } from './actor.js';
import type { SharePointEditor, TeamsAccount } from './types.js';

export const LOCAL_USER_HEADER = 'x-local-user';

/** A unit id as units are named (src/domain/units.ts: [a-z0-9-]{2,40}). */
const unitId = z.string().regex(/^[a-z0-9-]{2,40}$/, 'a unit id: 2-40 of a-z, 0-9 and -');

export const localUsersSchema = z.object({
  defaultUser: z.string().min(1),
  users: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        displayName: z.string().min(1).max(200),
        email: z.string().optional(),
        /** A Microsoft Entra object id, so a SharePoint edit by this person is recognised (STORE=sharepoint). */
        aadObjectId: z.string().min(1).optional(),
        roles: z.array(z.enum(ROLES)).min(1),
        /** The units the roles hold in: '*' for every unit; without it, the default unit (the administrator: every unit). */
        units: z.union([z.literal(ALL_UNITS), z.array(unitId).min(1)]).optional(),
      }),
    )
    .min(1),
});
export type LocalUsers = z.infer<typeof localUsersSchema>;
export type LocalUser = LocalUsers['users'][number];

/** What is wrong with a demo-users file beyond its shape, or null. */
export function localUsersProblem(users: LocalUsers): string | null {
  const ids = users.users.map((u) => u.id);
  if (new Set(ids).size !== ids.length) return 'a demo user id is given twice';
  if (!ids.includes(users.defaultUser)) return `defaultUser ${users.defaultUser} is not among the users`;
  return null;
}

/** The demo user's grants: their roles in their units. */
export function grantsOfLocalUser(user: LocalUser, defaults: UnitDefaults): Grant[] {
  if (user.units === undefined) return unscopedGrants(user.roles, defaults);
  const units = user.units;
  return user.roles.map((role) => ({ role, units: role === 'admin' ? ALL_UNITS : units }));
}

/**
 * The demo-users file, read again when it has changed (its size, change time or inode differ) at the next
 * lookup: no restart, no watcher thread, and every lookup sees the file as it is. A file that no longer
 * parses is reported once and the last good users are kept.
 */
export class LocalUsersFile {
  private stamp = '';
  private users: LocalUsers;

  constructor(
    private readonly file: string,
    initial?: LocalUsers,
  ) {
    this.users = initial ?? this.read();
    this.stamp = this.stampOf();
  }

  current(): LocalUsers {
    const stamp = this.stampOf();
    if (stamp === this.stamp) return this.users;
    this.stamp = stamp;
    try {
      this.users = this.read();
    } catch (error) {
      console.warn(`LOCAL_USERS_FILE: kept the demo users as they were: ${(error as Error).message}`);
    }
    return this.users;
  }

  private stampOf(): string {
    try {
      const s = fs.statSync(this.file, { bigint: true });
      return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    } catch {
      return 'missing';
    }
  }

  private read(): LocalUsers {
    const parsed = localUsersSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
    const problem = localUsersProblem(parsed.data);
    if (problem) throw new Error(problem);
    return parsed.data;
  }
}

export const teamsUserMappingSchema = z.object({
  users: z.array(
    z.object({
      teamsId: z.string().min(1).optional(),
      aadObjectId: z.string().min(1).optional(),
      localUser: z.string().min(1),
    }),
  ),
});
export type TeamsUserMapping = z.infer<typeof teamsUserMappingSchema>;

export function readTeamsUserMapping(file: string): TeamsUserMapping {
  return teamsUserMappingSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** The demo users (a fixed list, or a LocalUsersFile read as it is now), found by id, by Teams account or by SharePoint editor. */
export class LocalDirectory {
  private readonly listed: () => LocalUsers;
  private readonly source: () => readonly LocalUser[];

  constructor(
    users: readonly LocalUser[] | LocalUsersFile,
    private readonly teams: TeamsUserMapping = { users: [] },
  ) {
    if (users instanceof LocalUsersFile) this.listed = () => users.current();
    else {
      const fixed = { defaultUser: users[0]?.id ?? '', users: [...users] }; // a fixed list opens as its first user
      this.listed = () => fixed;
    }
    this.source = () => this.listed().users;
    const known = new Set(this.source().map((u) => u.id));
    for (const entry of teams.users) {
      if (!known.has(entry.localUser)) throw new Error(`Teams user mapping names unknown demo user ${entry.localUser}`);
    }
  }

  /** Every demo user and the one the tab opens as, as the file says now (the tab's demo-user switcher lists them). */
  demoUsers(): LocalUsers {
    return this.listed();
  }

  user(id: string | undefined): LocalUser | null {
    return id === undefined ? null : (this.source().find((u) => u.id === id) ?? null);
  }

  teamsUser(account: TeamsAccount): LocalUser | null {
    const entry = this.teams.users.find(
      (m) => (m.teamsId !== undefined && m.teamsId === account.id) || same(m.aadObjectId, account.aadObjectId),
    );
    return this.user(entry?.localUser);
  }

  /** By object id (the demo user's aadObjectId, or the Teams mapping's), then by e-mail address. */
  sharePointEditor(editor: SharePointEditor): LocalUser | null {
    const users = this.source();
    const byObjectId =
      users.find((u) => same(u.aadObjectId, editor.id)) ??
      this.user(this.teams.users.find((m) => same(m.aadObjectId, editor.id))?.localUser);
    return byObjectId ?? users.find((u) => same(u.email, editor.email)) ?? null;
  }

  /** The object ids a demo user is known by (their own, and the Teams mapping's), for the units' people responsible. */
  objectIdsOf(user: LocalUser): string[] {
    const mapped = this.teams.users.filter((m) => m.localUser === user.id).flatMap((m) => (m.aadObjectId ? [m.aadObjectId] : []));
    return [...(user.aadObjectId ? [user.aadObjectId] : []), ...mapped];
  }
}
