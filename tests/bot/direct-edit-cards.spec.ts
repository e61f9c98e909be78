/**
 * The channel post for a direct SharePoint edit that was corrected, refused or deleted says what
 * happened, who did it and why, in Swedish and in English (bot/cards.ts, bot/i18n.ts). Every card
 * also validates as Adaptive Card 1.5 in tests/bot/cards.spec.ts (card-fixtures.ts renders them).
 */
import { describe, expect, it } from 'vitest';
import { digestCard, statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { directEditChanges } from './card-fixtures.js';

const at = '2026-11-28T10:00:00.000Z';
const assessment = {
  id: 7,
  unitId: 'intraservice',
  year: 2023,
  controlPoint: 4,
  level: 4,
  comment: 'Registret finns',
  assessedBy: 'dpo',
  assessedByName: 'DPO',
  assessedAt: at,
};
const added: ChangeRecord = {
  seq: 40,
  at,
  actorId: 'dpo',
  actorName: 'DPO',
  source: 'sharepoint',
  unitId: 'intraservice',
  year: 2023,
  kind: 'assessment.added',
  entityId: 'assessment:7',
  controlPoint: 4,
  before: null,
  after: assessment,
};
const status: ChangeRecord = {
  ...added,
  seq: 41,
  kind: 'status.added',
  entityId: 'status:9',
  actorId: 'ciso',
  actorName: 'CISO',
  after: {
    id: 9,
    unitId: 'intraservice',
    year: 2023,
    controlPoint: 4,
    statusDate: '2026-11-27',
    text: 'Rita skriver',
    unitLevel: null,
    author: 'rita',
    authorName: 'Rita Läsare',
    createdAt: at,
  },
};
const ctx: ChangeContext = {
  scale: DEFAULT_SCALE,
  titleOf: () => 'Registerförteckning',
  linkOf: () => 'https://example.test/tab/',
  boardUrl: 'https://example.test/tab/',
};
const text = (change: ChangeRecord, locale: 'sv' | 'en') => JSON.stringify(statusChangeCard(locale, change, ctx).content);

describe('posts for direct SharePoint edits', () => {
  const [corrected, refused, deleted] = directEditChanges(added, status) as [ChangeRecord, ChangeRecord, ChangeRecord];

  it('a refusal names who tried what, and why, in both languages', () => {
    expect(text(refused, 'sv')).toMatch(
      /Ändring i SharePoint avvisad.*Ny rad.*Status.*Skäl.*Din roll får inte.*Rita skriver.*Rita Läsare/s,
    );
    expect(text(refused, 'en')).toMatch(
      /Change in SharePoint refused.*New row.*Status.*Reason.*Your role may not.*Rita skriver.*Rita Läsare/s,
    );
  });

  it('a correction shows the value before and the corrected one', () => {
    expect(text(corrected, 'sv')).toMatch(
      /Bedömning rättad i SharePoint.*Före.*Nivå 4 av 5 – Registret finns.*Nivå 2 av 5 – Rättad i listan/s,
    );
    expect(text(corrected, 'en')).toMatch(/Assessment corrected in SharePoint.*Before/s);
  });

  it('a deletion says what was deleted; a digest with one lists it without its value', () => {
    expect(text(deleted, 'sv')).toMatch(/Rad borttagen i SharePoint.*Status.*Rita skriver/s);
    const digest = JSON.stringify(digestCard('en', [deleted, refused, corrected], ctx).content);
    expect(digest).toMatch(/Row deleted in SharePoint: Status/);
  });
});
