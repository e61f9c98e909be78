/**
 * Property-based tests of the bot's HTTP endpoint (/api/messages) and its card handler: Action.Execute invokes
 * (adaptiveCard/action) with arbitrary verbs and data from the DPO, the CISO and a stranger, and bodies that are not
 * activities at all, POSTed over HTTP to the real server as Teams sends them
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
 * An invoke is answered with an invoke response, whose statusCode is also the HTTP status: a card (200) or an
 * error (400, application/vnd.microsoft.error). Anything else is a 4xx JSON refusal. Only the DPO's valid
 * submit stores an assessment, at most one per form and answer; nothing stored holds a control character.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import * as A from '../bot/activities.js';
import { startConnector, type FakeConnector } from '../bot/connector.js';
import {
  expectCleanRefusal,
  expectNoInternals,
  FORBIDDEN_CONTROL,
  hostileString,
  jsonValue,
  mostly,
  nearlyValid,
  RUNS,
  SEED,
  stringsIn,
  wireBody,
} from './arbitraries.js';

let connector: FakeConnector;
let server: TestServer;
beforeAll(async () => {
  connector = await startConnector();
  server = await startTestServer({ BOT_POST_RETRY_MS: '50', BOT_POST_ATTEMPTS: '2' });
});
afterAll(async () => {
  await server.dispose();
  await connector.close();
});

type Json = Record<string, unknown>;

async function post(body: string, contentType: string | undefined = 'application/json') {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: contentType ? { 'Content-Type': contentType } : {},
    body,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

const cardData = nearlyValid(
  {
    cp: mostly(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }).map(String)), fc.constantFrom(0, 13, 99, '1e0')),
    unit: mostly(fc.constant('intraservice'), hostileString),
    year: mostly(fc.constantFrom(2023, '2023'), fc.integer({ min: 1999, max: 2101 })),
    formId: mostly(fc.oneof(fc.uuid(), fc.string({ minLength: 8, maxLength: 64 })), hostileString),
    level: mostly(fc.oneof(fc.integer({ min: 1, max: 5 }).map(String), fc.constant(' 3 ')), fc.constantFrom('', '0', '9', 'x', '2.5')),
    comment: mostly(fc.oneof(fc.constantFrom('Rutin införd.', 'Rad 1\r\nRad 2', ''), fc.string({ maxLength: 80 })), hostileString),
  },
  ['cp', 'unit', 'year', 'formId'],
);
const verb = mostly(
  fc.constantFrom('assessment.submit', 'assessment.submit', 'assessment.refresh'),
  fc.oneof(fc.constantFrom('assessment.delete', ''), hostileString),
);
const who = fc.constantFrom(A.USERS.dpo, A.USERS.dpo, A.USERS.ciso, A.USERS.stranger);
const where = fc.constantFrom(A.PERSONAL, A.CHANNEL, A.GROUP);

/** The DPO's assessments of every control point, counted. */
async function assessmentCount(): Promise<number> {
  let total = 0;
  for (let cp = 1; cp <= 12; cp++) total += (await server.store.getControlPointData('intraservice', cp)).assessments.length;
  return total;
}

describe('the card invoke handler, fuzzed', { timeout: 600_000 }, () => {
  it("answers every Action.Execute with a card or a 400 invoke error and stores only the DPO's valid answers, once", async () => {
    const submitted = new Set<string>();
    await fc.assert(
      fc.asyncProperty(who, where, verb, cardData, fc.constantFrom('sv-SE', 'en-US', 'xx'), async (from, place, v, data, locale) => {
        const before = await server.store.latestChangeSeq();
        const activity = A.cardAction(connector.url, place, from, v, data, locale);
        const { status, contentType, text } = await post(JSON.stringify(activity));
        expect([200, 400], text).toContain(status);
        expect(contentType ?? '').toMatch(/^application\/json/);
        expectNoInternals(text);
        const answer = JSON.parse(text) as { statusCode: number; type: string; value: Json };
        expect(answer.statusCode).toBe(status);
        if (answer.statusCode === 400) expect(answer.type).toBe('application/vnd.microsoft.error');
        else {
          expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
          expect(answer.value).toMatchObject({ type: 'AdaptiveCard' });
        }
        const changes = await server.store.changesSince(before, 100);
        expect(changes.length, text).toBeLessThanOrEqual(1);
        if (changes.length === 1) {
          // A stored answer: from the DPO's submit, logged as the bot's, new for this form and answer.
          expect(from).toBe(A.USERS.dpo);
          expect(v).toBe('assessment.submit');
          expect(answer.statusCode).toBe(200);
          expect(changes[0]).toMatchObject({ kind: 'assessment.added', source: 'bot' });
          const form = JSON.stringify([data.formId, String(data.level).trim(), data.comment ?? '']);
          expect(submitted.has(form), `stored twice: ${form}`).toBe(false);
          submitted.add(form);
        }
      }),
      { numRuns: RUNS * 3, ...SEED },
    );
    expect(submitted.size, 'the runs stored some answers').toBeGreaterThan(0);
    for (let cp = 1; cp <= 12; cp++) {
      const { assessments } = await server.store.getControlPointData('intraservice', cp);
      for (const s of stringsIn(assessments)) expect(s).not.toMatch(FORBIDDEN_CONTROL);
    }
    expect((await server.call('reader', 'GET', '/api/board')).status).toBe(200);
  });

  it('the same submit sent again (Teams retries, double clicks) is stored once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.uuid(),
        fc.string({ maxLength: 60 }),
        async (cp, level, formId, comment) => {
          const data = { cp, unit: 'intraservice', year: 2023, formId, level: String(level), comment };
          const count = await assessmentCount();
          const answers = await Promise.all(
            [0, 1, 2].map(() => post(JSON.stringify(A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', data)))),
          );
          for (const a of answers) expect([200, 400], a.text).toContain(a.status);
          // Stored once, unless the comment holds a control character the rules refuse.
          expect(await assessmentCount()).toBe(FORBIDDEN_CONTROL.test(comment) ? count : count + 1);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3), ...SEED },
    );
  });

  it('refuses bodies that are not activities with a clean 4xx, and keeps answering', async () => {
    const notActivity = wireBody(
      fc.oneof(
        jsonValue,
        nearlyValid({ type: fc.constantFrom('invoke', 'message', 'event'), name: fc.constant('adaptiveCard/action'), value: jsonValue }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(notActivity, async (body) => {
        const before = await server.store.latestChangeSeq();
        const { status, contentType, text } = await post(body.text, body.contentType);
        expect(status, text).toBeLessThan(500);
        if (status >= 400) expectCleanRefusal(status, contentType, text);
        else expectNoInternals(text);
        expect(await server.store.latestChangeSeq()).toBe(before);
      }),
      { numRuns: RUNS, ...SEED },
    );
    const ok = await post(
      JSON.stringify(
        A.cardAction(connector.url, A.PERSONAL, A.USERS.ciso, 'assessment.refresh', { cp: 4, unit: 'intraservice', year: 2023 }),
      ),
    );
    expect(ok.status).toBe(200);
  });
});
