/**
 * The channel post for an action-plan item added or changed (actionPlanItem.created / .updated, from the tab, the
 * bot's API or a direct edit in "DPO Åtgärder") says what the item is and how its state and period moved, in
 * Swedish and English (bot/cards.ts, bot/i18n.ts); a refused edit of one names the item's kind. The card validates
 * as Adaptive Card 1.5 with the library, as tests/bot/cards.spec.ts does for every card.
 */
import { describe, expect, it } from 'vitest';
import * as AC from 'adaptivecards';
import { digestCard, statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import type { ActionPlanItem, ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';

const at = '2026-11-28T10:00:00.000Z';
const item: ActionPlanItem = {
  id: 1,
  unitId: 'intraservice',
  text: 'Införande av PU-register och informationssäkerhetsdatabas',
  state: 'ongoing',
  periodFrom: '2024-Q4',
  periodTo: '2025-Q1',
  dueDate: '2024-12-31',
  instruction: null,
  position: 0,
  version: 1,
  updatedAt: at,
  updatedBy: 'seed',
};
const updated: ChangeRecord = {
  seq: 50,
  at,
  actorId: 'anna',
  actorName: 'Anna Svensson',
  source: 'sharepoint',
  unitId: 'intraservice',
  year: null,
  kind: 'actionPlanItem.updated',
  entityId: 'actionPlanItem:1',
  controlPoint: null,
  before: item,
  after: { ...item, state: 'done', version: 2 },
};
const created: ChangeRecord = { ...updated, seq: 51, kind: 'actionPlanItem.created', entityId: 'actionPlanItem:4', before: null };
const refused: ChangeRecord = {
  ...updated,
  seq: 52,
  kind: 'edit.refused',
  actorName: 'Rita Läsare',
  after: {
    what: 'actionPlanItem',
    action: 'edit',
    attempted: { ...item, text: 'Struken' },
    reason: { sv: 'Din roll får inte ändra handlingsplanen.', en: 'Your role may not change the action plan.' },
  },
};
const ctx: ChangeContext = {
  scale: DEFAULT_SCALE,
  titleOf: () => undefined,
  linkOf: () => 'https://example.test/tab/action-plan',
  boardUrl: 'https://example.test/tab/',
};
const text = (change: ChangeRecord, locale: 'sv' | 'en') => JSON.stringify(statusChangeCard(locale, change, ctx).content);

describe('posts for action-plan items', () => {
  it('a changed item shows its state, period and due date before → after, in both languages', () => {
    expect(text(updated, 'sv')).toMatch(
      /Åtgärd i handlingsplanen ändrad.*Införande av PU-register.*Pågående, Q4 2024 – Q1 2025, 2024-12-31 → Klar, Q4 2024 – Q1 2025, 2024-12-31.*Anna Svensson/s,
    );
    expect(text(updated, 'en')).toMatch(/Action plan item changed.*Ongoing, Q4 2024 – Q1 2025, 2024-12-31 → Done/s);
  });

  it('a new item is announced as such; a refusal names an action-plan item; the digest lists both', () => {
    expect(text(created, 'sv')).toMatch(/Ny åtgärd i handlingsplanen.*Införande av PU-register.*Klar, Q4 2024 – Q1 2025/s);
    expect(text(created, 'sv')).not.toMatch(/→/);
    expect(text(refused, 'sv')).toMatch(/Ändring i SharePoint avvisad.*Åtgärd i handlingsplanen.*Din roll får inte.*Struken/s);
    expect(text(refused, 'en')).toMatch(/Change in SharePoint refused.*Action plan item/s);
    const digest = JSON.stringify(digestCard('sv', [created, updated], ctx).content);
    expect(digest).toMatch(
      /Införande av PU-register och informationssäkerhetsdatabas.*Klar, Q4 2024 – Q1 2025, 2024-12-31 \(Anna Svensson/s,
    );
  });

  it('the cards are Adaptive Cards 1.5 that parse and validate', () => {
    for (const change of [updated, created, refused]) {
      for (const locale of ['sv', 'en'] as const) {
        const card = new AC.AdaptiveCard();
        card.parse(statusChangeCard(locale, change, ctx).content);
        expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
      }
    }
  });
});
