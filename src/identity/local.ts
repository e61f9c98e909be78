/**
 * AUTH_MODE=local: the demo users of LOCAL_USERS_FILE (config/local-users.json). A request names
 * one in X-Local-User; a Teams user acts as the demo user BOT_LOCAL_USERS_FILE maps them to
 * (bot/local-teams-users.json); a SharePoint editor is the demo user with their object id or
 * e-mail address. Never in production (src/config.ts refuses it).
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../domain/roles.js';
import type { LocalUsers } from '../config.js';
import { actorOf } from './actor.js';
import type { SharePointEditor, TeamsAccount } from './types.js';

export const LOCAL_USER_HEADER = 'x-local-user';

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

type LocalUser = LocalUsers['users'][number];

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** The demo users, found by id, by Teams account or by SharePoint editor; null for anyone else. */
export class LocalDirectory {
  private readonly byId: Map<string, LocalUser>;

  constructor(
    users: readonly LocalUser[],
    private readonly teams: TeamsUserMapping = { users: [] },
  ) {
    this.byId = new Map(users.map((u) => [u.id, u]));
    for (const entry of teams.users) {
      if (!this.byId.has(entry.localUser)) throw new Error(`Teams user mapping names unknown demo user ${entry.localUser}`);
    }
  }

  user(id: string | undefined): Actor | null {
    const user = id === undefined ? undefined : this.byId.get(id);
    return user ? actorOf(user, user.roles) : null;
  }

  teamsUser(account: TeamsAccount): Actor | null {
    const entry = this.teams.users.find(
      (m) => (m.teamsId !== undefined && m.teamsId === account.id) || same(m.aadObjectId, account.aadObjectId),
    );
    return this.user(entry?.localUser);
  }

  /** By object id (the demo user's aadObjectId, or the Teams mapping's), then by e-mail address. */
  sharePointEditor(editor: SharePointEditor): Actor | null {
    const users = [...this.byId.values()];
    const byObjectId =
      users.find((u) => same(u.aadObjectId, editor.id)) ??
      this.byId.get(this.teams.users.find((m) => same(m.aadObjectId, editor.id))?.localUser ?? '');
    const user = byObjectId ?? users.find((u) => same(u.email, editor.email));
    return user ? actorOf(user, user.roles) : null;
  }
}
