/**
 * How the channel post shows the direct edits of the evidence links and status requests lists
 * (src/store/sharepoint/sync.ts): a link changed by hand (evidence.updated), a refused link row and a
 * refused status-request edit (edit.refused), in Swedish and English, through the status-change card.
 */
import { describe, expect, it } from 'vitest';
import { statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import type { Evidence } from '../../src/domain/evidence.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';

const ctx: ChangeContext = {
  scale: DEFAULT_SCALE,
  titleOf: (n) => (n === 5 ? 'Incidenthantering' : undefined),
  linkOf: () => 'http://localhost:3978/tab/',
  boardUrl: 'http://localhost:3978/tab/',
};
const link: Evidence = {
  id: '7',
  unitId: 'intraservice',
  controlPoint: 5,
  title: 'Rutin för personuppgiftsincidenter',
  url: 'https://intranat.example/incidentrutin',
  kind: 'routine',
  date: '2024-03-01',
  origin: 'link',
  addedBy: 'anna',
  addedByName: 'Anna Svensson',
  addedAt: '2026-11-28T10:00:00.000Z',
};
const base = {
  seq: 40,
  at: '2026-11-28T10:05:00.000Z',
  actorId: 'anna',
  actorName: 'Anna Svensson',
  source: 'sharepoint',
  unitId: 'intraservice',
  year: null,
  controlPoint: 5,
} as const;

const posted = (change: ChangeRecord, locale: 'sv' | 'en') => JSON.stringify(statusChangeCard(locale, change, ctx).content);

describe('posts of direct edits of evidence links and status requests', () => {
  it('a link changed by hand: "Underlag ändrat" / "Evidence changed", with the new title and the old one', () => {
    const change: ChangeRecord = {
      ...base,
      kind: 'evidence.updated',
      entityId: 'evidence:7',
      before: link,
      after: { ...link, title: 'Incidentrutin 2024' },
    };
    const sv = posted(change, 'sv');
    expect(sv).toContain('Underlag ändrat');
    expect(sv).toContain('Incidentrutin 2024');
    expect(sv).toContain('Rutin för personuppgiftsincidenter');
    expect(sv).toContain('Incidenthantering');
    expect(posted(change, 'en')).toContain('Evidence changed');
  });

  it('a refused link row and a refused status-request edit name the thing and the reason in the channel language', () => {
    const refusedLink: ChangeRecord = {
      ...base,
      kind: 'edit.refused',
      entityId: 'evidence:8',
      before: null,
      after: {
        what: 'evidence',
        action: 'add',
        attempted: link,
        reason: { sv: 'Länken ska vara en https-adress.', en: 'The link must be an https address.' },
      },
    };
    expect(posted(refusedLink, 'sv')).toContain('"value":"Underlag"');
    expect(posted(refusedLink, 'sv')).toContain('Länken ska vara en https-adress.');
    expect(posted(refusedLink, 'en')).toContain('The link must be an https address.');
    const refusedRequest: ChangeRecord = {
      ...base,
      kind: 'edit.refused',
      entityId: 'statusRequest:3',
      before: { unitId: 'intraservice', controlPoint: 5, askedName: 'Anna Svensson', dueDate: '2026-12-05' },
      after: {
        what: 'statusRequest',
        action: 'edit',
        attempted: { title: 'Kontrollpunkt 5: Anna Svensson' },
        reason: { sv: 'Statusförfrågningar görs i appen', en: 'Status requests are made in the app' },
      },
    };
    expect(posted(refusedRequest, 'sv')).toContain('"value":"Statusförfrågan"');
    expect(posted(refusedRequest, 'sv')).toContain('Statusförfrågningar görs i appen');
    expect(posted(refusedRequest, 'en')).toContain('"value":"Status request"');
    expect(posted(refusedRequest, 'en')).toContain('Status requests are made in the app');
  });
});
