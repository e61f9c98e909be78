/** The status request's card in each of its states, for the card tests (tests/bot/card-fixtures.ts). */
import type { ControlPointData, Locale } from '../../src/domain/model.js';
import type { Scale } from '../../src/domain/scale.js';
import type { StatusRequest } from '../../src/domain/status-requests.js';
import { openRequest } from '../fixtures/status-requests.js';
import { statusRequestCard } from '../../bot/status-requests.js';
import type { CardAttachment } from '../../bot/cards.js';

export function statusRequestCards(locale: Locale, data: ControlPointData, scale: Scale, publicUrl: string) {
  const open = openRequest({
    unitId: data.controlPoint.unitId,
    controlPoint: data.controlPoint.number,
    requestedByName: 'Dataskyddsombud (demo)',
  });
  const answered: StatusRequest = {
    ...open,
    state: 'answered',
    answeredBy: 'ciso',
    answeredByName: 'CISO Intraservice (demo)',
    answeredAt: '2026-11-29T08:30:00.000Z',
    statusUpdateId: 99,
  };
  const links = { publicUrl, teamsAppId: undefined, tabEntityId: 'board' };
  const base = { data, scale, links };
  const cards: { name: string; card: CardAttachment }[] = [
    { name: `status request form ${locale}`, card: statusRequestCard(locale, { ...base, request: open, canAnswer: true }) },
    {
      name: `status request copy ${locale}`,
      card: statusRequestCard(locale, { ...base, request: open, canAnswer: false, message: { text: 'Skickad', tone: 'good' } }),
    },
    { name: `status request answered ${locale}`, card: statusRequestCard(locale, { ...base, request: answered, canAnswer: false }) },
  ];
  return cards;
}
