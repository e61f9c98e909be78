/**
 * Every card the bot can send parses and validates with the Adaptive Cards library itself
 * (its UMD build runs in Node), as version 1.5, without a single warning or error.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { CARD_NAMES, type CardAttachment } from '../../bot/cards.js';
import { renderEveryCard } from './card-fixtures.js';

const require = createRequire(import.meta.url);
// The UMD build: lib/ is ESM without file extensions, which Node cannot load.
// Typed here by the few members used: the package's own typings pull its TypeScript sources
// into the type check, which fail under this project's compiler settings.
interface AdaptiveCardsUmd {
  Versions: { v1_5: unknown };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  AdaptiveCard: new () => {
    parse(content: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsUmd;

function problemsOf(content: Record<string, unknown>): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

describe("the bot's Adaptive Cards", () => {
  let cards: { name: string; card: CardAttachment }[];
  beforeAll(async () => {
    cards = await renderEveryCard();
  });

  it('covers every template', () => {
    expect(cards.length).toBeGreaterThan(CARD_NAMES.length);
  });

  it('are Adaptive Cards 1.5 that parse and validate without any problem', () => {
    const failures = cards.map(({ name, card }) => ({ name, problems: problemsOf(card.content) })).filter((r) => r.problems.length > 0);
    expect(failures).toEqual([]);
    for (const { card } of cards) {
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content.version).toBe('1.5');
    }
  });

  it('have every template expression bound and every text a string', () => {
    for (const { name, card } of cards) {
      const json = JSON.stringify(card.content);
      expect(json, name).not.toContain('${');
      const texts: unknown[] = [];
      JSON.parse(json, (key, value) => {
        if (key === 'text' || key === 'title' || (key === 'value' && typeof value !== 'object')) texts.push(value);
        return value;
      });
      for (const t of texts) expect(typeof t, `${name}: ${String(t)}`).toBe('string');
    }
  });

  it('fails on a card the library rejects (the check is real)', () => {
    expect(
      problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.ChoiceSet', choices: [] }, { type: 'Nonsense' }] }).length,
    ).toBeGreaterThan(0);
  });

  it('offers the scale and a comment with an Action.Execute, and a refresh for other users', () => {
    const form = cards.find((c) => c.name === 'assess form sv')!.card.content as Record<string, any>;
    const choice = form.body.find((e: any) => e.type === 'Input.ChoiceSet');
    expect(choice.choices.map((c: any) => c.title)).toEqual([
      '1 – Nivå 1 av 5',
      '2 – Nivå 2 av 5',
      '3 – Nivå 3 av 5',
      '4 – Nivå 4 av 5',
      '5 – Nivå 5 av 5',
    ]);
    expect(form.body.find((e: any) => e.id === 'comment').type).toBe('Input.Text');
    const execute = form.actions.find((a: any) => a.type === 'Action.Execute');
    expect(execute).toMatchObject({ verb: 'assessment.submit', data: { cp: 6, unit: 'intraservice' } });
    expect(form.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'assessment.refresh' },
      userIds: ['user-id-0', 'user-id-1'],
    });
    const readOnly = cards.find((c) => c.name === 'assess read-only en')!.card.content as Record<string, any>;
    expect(readOnly.body.some((e: any) => String(e.type).startsWith('Input.'))).toBe(false);
    expect(readOnly.actions.some((a: any) => a.type === 'Action.Execute')).toBe(false);
  });
});
