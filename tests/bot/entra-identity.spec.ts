/**
 * The bot's roles in AUTH_MODE=entra: the Teams user (from.aadObjectId, conversation.tenantId)
 * gets the app roles assigned to them in Microsoft Entra ID, looked up through Graph - here the
 * local Graph test server's directory, answering as
 * https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments documents - and
 * cached. Driven through botbuilder's TestAdapter against a real SQLite store.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { StaticTokenProvider } from '../../src/graph/auth.js';
import { EntraRoleDirectory } from '../../src/identity/entra-directory.js';
import { entraIdentity } from '../../src/identity/index.js';
import { GraphApi } from '../../src/graph/client.js';
import { importSeedFile } from '../../src/store/open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { DpoBot } from '../../bot/bot.js';
import { GraphTestServer } from '../graph/graph-test-server.js';
import { fetchTrusting, testCert } from '../graph/tls.js';
import { tempDataDir } from '../helpers/server.js';
import { invokeBody, runTurn, type TeamsTurn } from './test-adapter.js';

const APP_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const HOME = '11111111-2222-4333-8444-555555555555';
const PARTNER = '22222222-2222-4333-8444-555555555555';
const FOREIGN = '99999999-2222-4333-8444-555555555555';

interface CardElement {
  type?: string;
}
type Person = { id: string; name: string; aadObjectId: string };
type Card = { contentType: string; content: { body?: CardElement[]; actions?: CardElement[] } };
const cardOf = (a: Partial<Activity>): Card => (a.attachments?.[0] as Card | undefined) ?? { contentType: '', content: {} };
const textOf = (a: Partial<Activity>): string => JSON.stringify(cardOf(a).content);

describe('bot roles from Microsoft Entra ID (AUTH_MODE=entra)', () => {
  let dir: string;
  let store: SqliteStore;
  let graphServer: GraphTestServer;
  let directory: EntraRoleDirectory;
  let bot: DpoBot;
  let people: Record<'dpo' | 'viaGroup' | 'nobody', Person>;

  beforeAll(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'bot.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    graphServer = await new GraphTestServer().start();
    const d = graphServer.directory;
    const sp = d.addApp(APP_ID, 'DPO Board', ['DPO', 'CISO', 'Editor']);
    const dpoGroup = d.addGroup('Dataskyddsombud');
    const dpo = d.addUser('Dana Dataskydd');
    const viaGroup = d.addUser('Gustav Grupp', [dpoGroup]);
    const nobody = d.addUser('Nora Nobody');
    d.assign(sp, dpo, 'DPO');
    d.assign(sp, dpoGroup, 'DPO');
    people = {
      dpo: { id: '29:dana', name: 'Dana Dataskydd', aadObjectId: dpo },
      viaGroup: { id: '29:gustav', name: 'Gustav Grupp', aadObjectId: viaGroup },
      nobody: { id: '29:nora', name: 'Nora Nobody', aadObjectId: nobody },
    };
    const graph = new GraphApi({
      baseUrl: graphServer.url,
      tokens: new StaticTokenProvider(graphServer.token),
      fetch: fetchTrusting(testCert().cert),
    });
    directory = new EntraRoleDirectory({ graph, appId: APP_ID, ttlMs: 60_000 });
    bot = new DpoBot({
      store,
      appState: store.appState,
      identity: entraIdentity({
        verifier: { verify: () => Promise.resolve(null) },
        directory,
        homeTenant: HOME,
        allowedTenants: [HOME, PARTNER],
        directoryForTokens: false,
      }),
      links: () => ({ publicUrl: 'https://board.example', teamsAppId: undefined, tabEntityId: 'board' }),
      defaultUnit: 'intraservice',
      startPostsAt: async () => {},
      afterWrite: () => {},
    });
  });
  afterAll(async () => {
    await store.close();
    await graphServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The person's personal chat with the bot, in their tenant. */
  const chatOf = (user: Person, tenantId: string, locale: string): TeamsTurn => ({
    conversation: { id: `a:${user.id}`, conversationType: 'personal', isGroup: false, name: '', tenantId },
    user,
    locale,
  });

  function say(user: Person, text: string, tenantId = HOME, locale = 'en-US'): Promise<Partial<Activity>[]> {
    return runTurn(bot, chatOf(user, tenantId, locale), { type: 'message', text });
  }

  const canAssess = (reply: Partial<Activity>) => (cardOf(reply).content.body ?? []).some((b) => b.type === 'Input.ChoiceSet');

  it('gives a person assigned the DPO app role the assessment card', async () => {
    const [reply] = await say(people.dpo, 'assess 4');
    expect(canAssess(reply!)).toBe(true);
    expect(cardOf(reply!).content.actions?.[0]).toMatchObject({ type: 'Action.Execute', verb: 'assessment.submit' });
  });

  it('counts the role of a group the person is a direct member of', async () => {
    const [reply] = await say(people.viaGroup, 'assess 4');
    expect(canAssess(reply!)).toBe(true);
  });

  it('lets a person without an assignment read only', async () => {
    const [reply] = await say(people.nobody, 'assess 4');
    expect(canAssess(reply!)).toBe(false);
    expect(textOf(reply!)).toContain('Only the Data Protection Officer can assess.');
  });

  it('asks Graph once per person while the cache holds', async () => {
    const from = graphServer.requests.length;
    await say(people.dpo, 'assess 5');
    await say(people.dpo, 'bedöm 6', HOME, 'sv-SE');
    expect(graphServer.requests.slice(from).filter((r) => r.path.includes('appRoleAssignments'))).toHaveLength(0);
  });

  it('refuses a person from a tenant that is not allowed, without asking Graph', async () => {
    const from = graphServer.requests.length;
    const [reply] = await say(people.dpo, 'assess 4', FOREIGN);
    expect(canAssess(reply!)).toBe(false);
    expect(textOf(reply!)).toContain('You are not signed in, or your identity is unknown.');
    expect(graphServer.requests.length).toBe(from);
  });

  async function submit(user: Person, formId: string, tenantId = HOME) {
    const data = { cp: 6, unit: 'intraservice', year: 2023, formId, level: '3', comment: 'Bedömd i Teams' };
    const action = { action: { type: 'Action.Execute', verb: 'assessment.submit', data }, trigger: 'manual' };
    return JSON.stringify(await invokeBody(bot, chatOf(user, tenantId, 'en-US'), 'adaptiveCard/action', action));
  }

  it('stores an assessment a DPO submits on the card under their Entra object id; a stranger tenant cannot', async () => {
    const before = (await store.getControlPointData('intraservice', 6)).assessments.length;
    expect(await submit(people.dpo, 'form-entra-1')).toContain('The assessment is saved');
    const after = (await store.getControlPointData('intraservice', 6)).assessments;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ level: 3, assessedBy: people.dpo.aadObjectId, assessedByName: 'Dana Dataskydd' });
    expect(await submit(people.dpo, 'form-entra-2', FOREIGN)).toContain('You are not signed in, or your identity is unknown.');
    expect((await store.getControlPointData('intraservice', 6)).assessments).toHaveLength(before + 1);
  });

  it('lets a person from another allowed tenant read (the home directory cannot speak for them)', async () => {
    const from = graphServer.requests.length;
    const [reply] = await say(people.dpo, 'assess 4', PARTNER);
    expect(canAssess(reply!)).toBe(false);
    expect(graphServer.requests.length).toBe(from);
  });
});
