import { describe, expect, it } from 'vitest';
import { ConversationRoster } from '../../bot/roster.js';

describe('ConversationRoster', () => {
  const counting = () => {
    let reads = 0;
    return { read: () => Promise.resolve([`m${(reads += 1)}`]), reads: () => reads };
  };

  it('reads a conversation once per window, shares a read in flight, and reads again after the window', async () => {
    let now = 0;
    const roster = new ConversationRoster({ ttlMs: 1000, now: () => now });
    const c = counting();
    const [a, b] = await Promise.all([roster.ids('x', c.read), roster.ids('x', c.read)]);
    expect(a).toEqual(['m1']);
    expect(b).toEqual(['m1']);
    now = 999;
    expect(await roster.ids('x', c.read)).toEqual(['m1']);
    now = 1000;
    expect(await roster.ids('x', c.read)).toEqual(['m2']);
    expect(c.reads()).toBe(2);
  });

  it('keeps no failed read, forgets on request, and drops the least recently used conversation beyond its bound', async () => {
    const roster = new ConversationRoster({ maxConversations: 2 });
    await expect(roster.ids('x', () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    const c = counting();
    expect(await roster.ids('x', c.read)).toEqual(['m1']);
    roster.forget('x');
    expect(await roster.ids('x', c.read)).toEqual(['m2']);
    await roster.ids('y', c.read);
    await roster.ids('x', c.read); // x used last
    await roster.ids('z', c.read); // y dropped
    const before = c.reads();
    await roster.ids('x', c.read);
    await roster.ids('y', c.read);
    expect(c.reads() - before).toBe(1);
  });
});
