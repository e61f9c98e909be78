/**
 * Reminders and the weekly digest over the Bot Framework protocol: two instances of the real
 * server share one SQLite file (App Service scaled out to two), the bot is installed as Teams
 * installs it (POST /api/messages), and a recording Bot Connector stands in for Teams, receiving
 * the proactive messages
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages,
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference).
 * The schedule's clock is injected and each step is a tick on both instances at once: nothing waits
 * for a time of day, and every message arrives exactly once, also after a restart.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { tempDataDir } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector, type ReceivedActivity } from './connector.js';

type Json = Record<string, unknown>;
/** A second team channel whose members use Teams in English. */
const CHANNEL_EN: A.Where = { conversationId: '19:english@thread.tacv2', scope: 'channel' };
/** Megan Bowen's personal chat: she is the CISO (bot/local-teams-users.json), and the control points' owner is "CISO Intraservice". */
const CISO_CHAT: A.Where = { conversationId: 'a:personal-ciso', scope: 'personal' };
/** The Monday before, 07:00 in Stockholm: nothing is due yet when the instances start (their first tick finds nothing). */
const BEFORE = new Date('2026-11-23T06:00:00Z');
/** Monday of ISO week 49 at 08:05 in Stockholm: the digest (Monday 08:00) and the reminders (08:00) are due. */
const MONDAY = new Date('2026-11-30T07:05:00Z');
const later = (hours: number) => new Date(MONDAY.getTime() + hours * 3_600_000);

describe('reminders and the weekly digest across two instances and a restart', { timeout: 90_000 }, () => {
  let connector: FakeConnector;
  let dataDir: string;
  let clock: Date;
  const servers: RunningServer[] = [];

  const start = async () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULE_CHECK_S: '3600' });
    const server = await startServer(config, { now: () => clock });
    servers.push(server);
    return server;
  };
  const tickAll = () => Promise.all(servers.flatMap((s) => [s.bot!.schedule.tick(), s.bot!.schedule.tick()]));
  async function send(via: RunningServer, activity: Json): Promise<void> {
    const res = await fetch(`${via.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
  }
  const cardText = (r: ReceivedActivity) => JSON.stringify(r.activity.attachments?.[0]?.content ?? {});
  /** What arrived in a conversation after its welcome and command replies: the reminders and digests. */
  const scheduled = (where: A.Where) =>
    connector
      .of(where.conversationId)
      .filter((r) => /Försenat arbete|Overdue work|Veckan på tavlan|The week on the board/.test(cardText(r)));
  const kinds = (where: A.Where) => scheduled(where).map((r) => (/Försenat arbete|Overdue work/.test(cardText(r)) ? 'reminder' : 'digest'));

  beforeEach(async () => {
    connector = await startConnector();
    dataDir = tempDataDir();
    clock = BEFORE;
    const [a, b] = [await start(), await start()];
    await send(a, A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'));
    await send(b, A.installation(connector.url, CHANNEL_EN, A.USERS.dpo, 'add', 'en-US'));
    await send(a, A.installation(connector.url, CISO_CHAT, A.USERS.ciso, 'add'));
    await send(b, A.installation(connector.url, A.PERSONAL, A.USERS.dpo, 'add'));
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await connector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each channel its digest and each reminder once, in the conversation’s language, to the person responsible or the channel', async () => {
    await tickAll();
    expect(scheduled(A.CHANNEL)).toEqual([]);

    clock = MONDAY;
    await tickAll();
    await tickAll();
    expect(kinds(A.CHANNEL).sort()).toEqual(['digest', 'reminder']);
    expect(kinds(CHANNEL_EN).sort()).toEqual(['digest', 'reminder']);
    expect(kinds(CISO_CHAT)).toEqual(['reminder']);
    // The DPO is named responsible for nothing: no reminder in the DPO's chat, and chats get no digest.
    expect(kinds(A.PERSONAL)).toEqual([]);

    const [svDigest] = scheduled(A.CHANNEL).filter((r) => cardText(r).includes('Veckan på tavlan'));
    expect(cardText(svDigest!)).toContain('Veckan på tavlan, vecka 49');
    expect(cardText(svDigest!)).toContain('sammanfattning av');
    const enDigest = scheduled(CHANNEL_EN).find((r) => cardText(r).includes('The week on the board'))!;
    expect(cardText(enDigest)).toContain('The week on the board, week 49');
    expect(cardText(enDigest)).not.toContain('Veckan');
    const cisoReminder = cardText(scheduled(CISO_CHAT)[0]!);
    expect(cisoReminder).toContain('Du får påminnelsen för att du står som ansvarig');
    expect(cisoReminder).toContain('/tab/control-points/');
    // A proactive message starts its own thread in the channel: no reply to any earlier activity.
    expect(scheduled(A.CHANNEL).every((r) => r.replyToId === undefined)).toBe(true);

    // A restart of one instance: it sends nothing again this week.
    const before = connector.received.length;
    await servers.shift()!.close();
    await start();
    clock = later(2);
    await tickAll();
    expect(connector.received.length).toBe(before);
  });

  it('switches the digest off per channel from the bot, keeps reminding, and repeats reminders once a week', async () => {
    clock = MONDAY;
    await tickAll();
    const [a] = servers;
    await send(a!, A.message(connector.url, A.CHANNEL, A.USERS.ciso, 'sammanfattning av'));
    // A reply in a channel goes to the thread of the message ("<channel>;messageid=…").
    const reply = connector.received.at(-1)!;
    expect(reply.conversationId.startsWith(A.CHANNEL.conversationId)).toBe(true);
    expect(cardText(reply)).toContain('Veckosammanfattningen är avstängd för den här kanalen');
    await send(a!, A.message(connector.url, A.PERSONAL, A.USERS.dpo, 'digest off', 'en-US'));
    expect(cardText(connector.of(A.PERSONAL.conversationId).at(-1)!)).toContain('The weekly digest goes to team channels');

    clock = later(24); // Tuesday: every overdue item was reminded this week
    await tickAll();
    expect(kinds(A.CHANNEL).sort()).toEqual(['digest', 'reminder']);
    expect(kinds(CISO_CHAT)).toEqual(['reminder']);

    clock = later(24 * 7); // next Monday, after a restart of both instances
    for (const s of servers.splice(0)) await s.close();
    await start();
    await start();
    await tickAll();
    expect(kinds(A.CHANNEL).sort()).toEqual(['digest', 'reminder', 'reminder']);
    expect(kinds(CHANNEL_EN).sort()).toEqual(['digest', 'digest', 'reminder', 'reminder']);
    expect(kinds(CISO_CHAT)).toEqual(['reminder', 'reminder']);

    await send(servers[0]!, A.message(connector.url, A.CHANNEL, A.USERS.ciso, 'digest on', 'en-US'));
    expect(cardText(connector.received.at(-1)!)).toContain('It comes on Mondays at 08:00');
  });
});
