/**
 * The channel post, the digest row and the tab's change-log line for a status request (statusRequest.created,
 * src/domain/changes.ts): who asked whom about which control point, and by when, in Swedish and English, from the
 * one words catalog (src/words/status-requests.ts). The record is made by the domain's own function from a stored
 * request, so the Teams account id of the person asked and the request's idempotency key never reach a surface.
 * The card validates as Adaptive Card 1.5 with the library, as tests/bot/cards.spec.ts does for every card.
 */
import { describe, expect, it } from 'vitest';
import * as AC from 'adaptivecards';
import { digestCard, statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import { isStatusChange, statusRequestCreated } from '../../src/domain/changes.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { openRequest } from '../fixtures/status-requests.js';

const at = new Date('2026-11-28T10:00:00.000Z');
const request = openRequest({ id: '17', requestedByName: 'Anna Andersson', askedId: '29:1a2b3c-teams-account', dueDate: '2026-12-12' });
const actor = {
  id: 'dpo',
  displayName: 'Anna Andersson',
  roles: ['dpo' as const],
  grants: [{ role: 'dpo' as const, units: '*' as const }],
};
const change: ChangeRecord = {
  seq: 40,
  ...statusRequestCreated(request, { actor, source: 'bot', now: at, requestId: 'bot:activity-1' }),
};
const ctx: ChangeContext = {
  scale: DEFAULT_SCALE,
  titleOf: (n) => (n === 4 ? 'Incidenthantering' : undefined),
  linkOf: () => 'https://example.test/tab/control-points/4',
  boardUrl: 'https://example.test/tab/',
};
const post = (locale: 'sv' | 'en') => JSON.stringify(statusChangeCard(locale, change, ctx).content);

describe('a status request as a change', () => {
  it('is a change of the control point the channel hears of, keeping who asked whom and by when, and nothing private', () => {
    expect(isStatusChange('statusRequest.created')).toBe(true);
    expect(change).toMatchObject({ kind: 'statusRequest.created', unitId: 'intraservice', year: 2023, controlPoint: 4 });
    expect(change.after).toEqual({ id: '17', askedName: 'Megan Bowen', dueDate: '2026-12-12', requestedByName: 'Anna Andersson' });
    expect(JSON.stringify(change)).not.toContain('29:1a2b3c');
    expect(JSON.stringify(change)).not.toContain('bot:activity-1');
  });

  it('is posted as "… bad … om ny status för kontrollpunkt 4, senast …" in Swedish and in English', () => {
    expect(post('sv')).toMatch(/Status begärd.*Kontrollpunkt 4.*Incidenthantering/s);
    expect(post('sv')).toContain('Anna Andersson bad Megan Bowen om ny status för kontrollpunkt 4, senast 2026-12-12');
    expect(post('sv')).toMatch(/Tillfrågad.*Megan Bowen.*Svara senast.*2026-12-12/s);
    expect(post('en')).toContain('Anna Andersson asked Megan Bowen for a new status on control point 4, due 2026-12-12');
    expect(post('en')).toMatch(/Status requested.*Asked.*Answer by/s);
    expect(post('sv')).toContain('https://example.test/tab/control-points/4');
  });

  it('is one row of the digest in the same words (the tab’s change log: tests/tab/status-request-change.spec.ts)', () => {
    const digest = JSON.stringify(digestCard('sv', [change], ctx).content);
    expect(digest).toContain('4. Incidenthantering');
    expect(digest).toContain('Anna Andersson bad Megan Bowen om ny status för kontrollpunkt 4, senast 2026-12-12');
  });

  it('the cards are Adaptive Cards 1.5 that parse and validate', () => {
    for (const locale of ['sv', 'en'] as const) {
      for (const content of [statusChangeCard(locale, change, ctx).content, digestCard(locale, [change], ctx).content]) {
        const card = new AC.AdaptiveCard();
        card.parse(content);
        expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
      }
    }
  });
});
