/**
 * Who is reminded of overdue work: the person responsible in their personal chat with the bot,
 * or the unit's channel(s) when nobody is named or the person named has no chat with the bot.
 * The person responsible is the control point's owner as the board names them, found among the
 * people who have the app in their personal chat the way status requests find them
 * (src/domain/status-requests.ts): a person whose Teams name the owner text carries, else the
 * people holding the role it names ("CISO Intraservice": the CISO), as the identity module says.
 */
import type { Identity } from '../identity/index.js';
import { responsibleAmong } from '../domain/status-requests.js';
import { rolesIn } from '../domain/roles.js';
import type { SavedConversation } from '../store/port.js';
import type { DueWork } from './work-due.js';

/**
 * The claim-once key of one item's reminder in one conversation and ISO week: at most one a week. An item
 * of a unit other than the default one has the unit in its key (items of two units may share a key:
 * the instruction IIFS 01 of each).
 */
export const reminderKey = (conversationId: string, item: DueWork, week: string, unitId?: string) =>
  `reminder:${conversationId}:${unitId ? `${unitId}:` : ''}${item.key}:${week}`;

/** The personal chats of the person (or people) an owner text of the unit names; empty when none has one. */
export type FindResponsible = (owner: string, personalChats: SavedConversation[], unitId: string) => Promise<SavedConversation[]>;

interface ChatUser {
  id?: string;
  name?: string;
  aadObjectId?: string;
}

function accountOf(chat: SavedConversation) {
  const ref = chat.reference as { user?: ChatUser; conversation?: { tenantId?: string } };
  const user = ref.user ?? {};
  return { id: user.id ?? '', name: user.name, aadObjectId: user.aadObjectId, tenantId: ref.conversation?.tenantId };
}

/** A role the owner text names is held in the owner's unit: "CISO" is that unit's CISO (src/domain/roles.ts rolesIn). */
export function findResponsible(identity: Pick<Identity, 'fromTeamsAccount'>): FindResponsible {
  const rolesOf = async (chat: SavedConversation, unitId: string) => {
    const actor = await identity.fromTeamsAccount(accountOf(chat)).catch(() => null);
    return actor ? rolesIn(actor, unitId) : [];
  };
  return (owner, chats, unitId) =>
    responsibleAmong(
      owner,
      chats,
      (c) => accountOf(c).name ?? '',
      (c) => rolesOf(c, unitId),
    );
}

/** The overdue work per conversation to remind: each item to its owner's chats, else to every channel given (the unit's). */
export async function remindersByConversation(
  overdue: DueWork[],
  conversations: SavedConversation[],
  find: (owner: string, personalChats: SavedConversation[]) => Promise<SavedConversation[]>,
): Promise<{ conversation: SavedConversation; items: DueWork[] }[]> {
  const personal = conversations.filter((c) => c.scope === 'personal');
  const channels = conversations.filter((c) => c.scope === 'channel');
  const owners = new Map<string, SavedConversation[]>();
  const plan = new Map<string, { conversation: SavedConversation; items: DueWork[] }>();
  for (const item of overdue) {
    let people: SavedConversation[] = [];
    if (item.owner) {
      if (!owners.has(item.owner)) owners.set(item.owner, await find(item.owner, personal));
      people = owners.get(item.owner)!;
    }
    for (const conversation of people.length > 0 ? people : channels) {
      const entry = plan.get(conversation.id) ?? { conversation, items: [] };
      entry.items.push(item);
      plan.set(conversation.id, entry);
    }
  }
  return [...plan.values()];
}
