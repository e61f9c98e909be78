/**
 * What the message extension costs in Graph (STORE=sharepoint): searches and unfurls are read from
 * synced state (the store the server wires, SyncedReadStore over the SharePoint store, against the
 * local Graph test server), so many people searching and pasting links cost what one costs:
 * nothing reaches Graph until the synced state moves. Invokes as Teams sends them
 * (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search,
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling), through
 * botbuilder's TestAdapter. In AUTH_MODE=local nobody's roles are looked up in Graph; in entra mode a Teams
 * user's roles are (cached per person, src/identity), which is the identity module's cost, not this one's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DpoBot } from '../../bot/bot.js';
import { SEARCH_COMMAND } from '../../bot/message-extension.js';
import { localIdentity, LocalDirectory } from '../../src/identity/index.js';
import type { BoardStore } from '../../src/store/port.js';
import { type DirectEdits } from '../../src/store/sharepoint/direct-edits.js';
import { type Harness } from '../store/sharepoint/harness.js';
import { startSyncedSite } from '../store/sharepoint/synced-site.js';
import { TENANT } from './activities.js';
import { invokeBody } from './test-adapter.js';

type Json = Record<string, any>;
const PUBLIC_URL = 'https://board.example';

describe('the message extension does not cost Graph requests per person', { timeout: 60_000 }, () => {
  let h: Harness;
  let edits: DirectEdits;
  let store: BoardStore;
  let bot: DpoBot;

  beforeAll(async () => {
    ({ h, edits, store } = await startSyncedSite());
    await edits.schedule.poke();
    bot = new DpoBot({
      store,
      appState: store.appState,
      identity: localIdentity(new LocalDirectory([{ id: 'dpo', displayName: 'Dataskyddsombud (demo)', roles: ['dpo'] }])),
      links: () => ({ publicUrl: PUBLIC_URL, teamsAppId: undefined, tabEntityId: 'board' }),
      defaultUnit: 'intraservice',
      startPostsAt: () => Promise.resolve(),
      afterWrite: () => undefined,
    });
  });
  afterAll(async () => h.dispose());

  /** One invoke by person number `person` in the team channel; the body of its invokeResponse. */
  async function invoke(person: number, name: string, value: Json): Promise<Json> {
    const user = { id: `29:person-${person}`, name: `Person ${person}`, aadObjectId: randomUUID() };
    const conversation = { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: '', tenantId: TENANT };
    return (await invokeBody(bot, { conversation, user, locale: 'sv-SE' }, name, value))!;
  }
  const searchFor = (text: string) => ({
    commandId: SEARCH_COMMAND.id,
    parameters: [{ name: SEARCH_COMMAND.parameter, value: text }],
    queryOptions: { skip: 0, count: 25 },
  });
  const everyone = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        Promise.all([
          invoke(i, 'composeExtension/query', searchFor(['', 'säkerhet', 'IIFS 07', '4'][i % 4]!)),
          invoke(i, 'composeExtension/queryLink', { url: `${PUBLIC_URL}/tab/control-points/${(i % 12) + 1}` }),
          invoke(i, 'composeExtension/queryLink', { url: `${PUBLIC_URL}/tab/action-plan` }),
        ]),
      ),
    );

  it('one person and twenty cost the same: after the first loads, nothing until the state moves', async () => {
    const first = await everyone(1);
    expect(first[0]![0].composeExtension.attachments).toHaveLength(12);
    let from = h.server.requests.length;
    const many = await everyone(20);
    expect(h.server.countSince(from)).toBe(0);
    for (const [search, controlPoint, plan] of many) {
      expect(search.composeExtension.attachments.length).toBeGreaterThan(0);
      expect(controlPoint.composeExtension.attachments).toHaveLength(1);
      expect(plan.composeExtension.attachments).toHaveLength(1);
    }
    // A sync that saw nothing new keeps the state: still nothing per person.
    await edits.schedule.poke();
    from = h.server.requests.length;
    await everyone(20);
    expect(h.server.countSince(from)).toBe(0);
  });
});
