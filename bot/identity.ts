/**
 * Who a Teams user is, as an Actor with roles. AUTH_MODE=local maps Teams users to the demo
 * users (bot/local-teams-users.json); AUTH_MODE=entra looks the person's app roles up in
 * Microsoft Entra ID (bot/entra-identity.ts).
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../src/domain/roles.js';
import type { LocalUsers } from '../src/config.js';

export interface TeamsAccount {
  /** The channel account id (29:... in Teams, user-id-0 in the Playground). */
  id: string;
  aadObjectId?: string | undefined;
  name?: string | undefined;
  /** The Microsoft Entra tenant of the conversation (activity.conversation.tenantId). */
  tenantId?: string | undefined;
}

export interface TeamsIdentity {
  readonly mode: string;
  identify(account: TeamsAccount): Promise<Actor>;
}

const mappingSchema = z.object({
  users: z.array(
    z.object({
      teamsId: z.string().min(1).optional(),
      aadObjectId: z.string().min(1).optional(),
      localUser: z.string().min(1),
    }),
  ),
});
export type TeamsUserMapping = z.infer<typeof mappingSchema>;

export function readTeamsUserMapping(file: string): TeamsUserMapping {
  return mappingSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** A Teams user nobody mapped: they may read, nothing more. */
function readerOf(account: TeamsAccount): Actor {
  return { id: `teams:${account.aadObjectId ?? account.id}`, displayName: account.name ?? account.id, roles: ['reader'] };
}

export function localTeamsIdentity(localUsers: LocalUsers, mapping: TeamsUserMapping): TeamsIdentity {
  const users = new Map(localUsers.users.map((u) => [u.id, u]));
  for (const entry of mapping.users) {
    if (!users.has(entry.localUser)) throw new Error(`Teams user mapping names unknown demo user ${entry.localUser}`);
  }
  return {
    mode: 'local',
    async identify(account) {
      const entry = mapping.users.find(
        (m) => (m.teamsId !== undefined && m.teamsId === account.id) || (m.aadObjectId !== undefined && m.aadObjectId === account.aadObjectId),
      );
      const user = entry ? users.get(entry.localUser) : undefined;
      if (!user) return readerOf(account);
      return { id: user.id, displayName: user.displayName, roles: [...user.roles], ...(user.email ? { email: user.email } : {}) };
    },
  };
}
