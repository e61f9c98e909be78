/**
 * Evidence on the bot's cards (issue 12 item 4): the control point and assess cards say how many
 * evidence items there are and link to them in the tab; evidence.added / evidence.removed are posted
 * to the channel with the evidence's title, kind and date, in Swedish and English.
 * (The same cards validate as Adaptive Card 1.5 in tests/bot/cards.spec.ts through card-fixtures.ts.)
 */
import { describe, expect, it } from 'vitest';
import { renderEveryCard } from './card-fixtures.js';

type Action = { type: string; title: string; url?: string };
type Fact = { title: string; value: string };

function actionsOf(card: Record<string, unknown>): Action[] {
  return card.actions as Action[];
}

function factsOf(card: Record<string, unknown>): Fact[] {
  const body = card.body as { type: string; facts?: Fact[] }[];
  return body.filter((b) => b.type === 'FactSet').flatMap((b) => b.facts ?? []);
}

describe('evidence on the bot cards', async () => {
  const cards = new Map((await renderEveryCard()).map((c) => [c.name, c.card.content]));
  const card = (name: string) => {
    const found = cards.get(name);
    if (!found) throw new Error(`no card ${name}`);
    return found;
  };

  it('shows the count on the control point card, with a button to the evidence in the tab', () => {
    // card-fixtures gives control point n the count n % 3.
    const sv = card('control point 5 sv');
    expect(factsOf(sv)).toContainEqual({ title: 'Underlag', value: '2' });
    expect(actionsOf(sv)).toContainEqual({ type: 'Action.OpenUrl', title: 'Visa underlaget (2)', url: 'http://localhost:3978/tab/' });
    const en = card('control point 3 en');
    expect(factsOf(en)).toContainEqual({ title: 'Evidence', value: '0' });
    expect(actionsOf(en).map((a) => a.title)).toContain('Show the evidence (0)');
  });

  it('links to the evidence from the assess card too, for the DPO and for readers', () => {
    expect(actionsOf(card('assess form sv')).map((a) => a.title)).toContain('Visa underlaget (2)');
    expect(actionsOf(card('assess read-only en')).map((a) => a.title)).toContain('Show the evidence (2)');
  });

  it('posts an added and a removed evidence item with its title, kind and date', () => {
    const added = JSON.stringify(card('post evidence.added sv'));
    expect(added).toContain('Underlag tillagt');
    expect(added).toContain('Dataskyddspolicy');
    expect(added).toContain('Policy');
    expect(added).toContain('2024-06-12');
    const removed = JSON.stringify(card('post evidence.removed en'));
    expect(removed).toContain('Evidence removed');
    expect(removed).toContain('Dataskyddspolicy');
  });
});
