/**
 * How the message extension reads what people type and paste (bot/message-extension.ts): the search
 * text and page of a composeExtension/query, and the tab page of a composeExtension/queryLink address.
 * Request shapes: https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, pageOf, pageOfAddress, parseSearch, searchText, SEARCH_COMMAND, wordScore } from '../../bot/message-extension.js';

describe('the search text', () => {
  it('reads numbers, IIFS numbers and words', () => {
    const both = (number: number) => ({ kind: 'number', number, controlPoints: true, instructions: true });
    const controlPoint = (number: number) => ({ kind: 'number', number, controlPoints: true, instructions: false });
    const instruction = (number: number) => ({ kind: 'number', number, controlPoints: false, instructions: true });
    expect(parseSearch('')).toEqual({ kind: 'initial' });
    expect(parseSearch('   ')).toEqual({ kind: 'initial' });
    expect(parseSearch('7')).toEqual(both(7));
    expect(parseSearch('07')).toEqual(both(7));
    expect(parseSearch('#4')).toEqual(both(4));
    expect(parseSearch('KP 4')).toEqual(controlPoint(4));
    expect(parseSearch('Kontrollpunkt 12')).toEqual(controlPoint(12));
    expect(parseSearch('control point 3')).toEqual(controlPoint(3));
    expect(parseSearch('IIFS 07')).toEqual(instruction(7));
    expect(parseSearch('iifs31')).toEqual(instruction(31));
    expect(parseSearch('Anvisning 5')).toEqual(instruction(5));
    expect(parseSearch('Säkerhet  och   Ärenden')).toEqual({ kind: 'words', words: ['sakerhet', 'och', 'arenden'] });
    expect(parseSearch('IIFS 07 extra')).toEqual({ kind: 'words', words: ['iifs', '07', 'extra'] });
  });

  it('finds a title whatever the case and diacritics of the words typed', () => {
    const titles = [
      'Övergripande styrning av dataskyddsarbetet',
      'Anvisning för Hantering av tillgångar',
      'Biträdesavtal och andra överenskommelser',
    ];
    const variant = fc.tuple(fc.constantFrom(...titles), fc.boolean(), fc.boolean(), fc.nat()).map(([title, upper, strip, n]) => {
      const words = title.split(' ');
      const word = words[n % words.length]!;
      const cased = upper ? word.toUpperCase() : word.toLowerCase();
      return { title, typed: strip ? cased.normalize('NFD').replace(/\p{M}/gu, '') : cased };
    });
    fc.assert(
      fc.property(variant, ({ title, typed }) => {
        const search = parseSearch(typed);
        expect(search.kind).toBe('words');
        expect(wordScore(search.kind === 'words' ? search.words : [], title)).not.toBeNull();
        expect(foldForSearch(foldForSearch(title))).toBe(foldForSearch(title));
      }),
    );
    expect(wordScore(['reg'], 'Register över personuppgiftsbehandlingar')).toBe(2);
    expect(wordScore(['reg'], 'Incidentregistrering')).toBe(1);
    expect(wordScore(['reg'], 'Incidentregistrering och registerutdrag')).toBe(2);
    expect(wordScore(['reg', 'saknas'], 'Register')).toBeNull();
  });

  it("takes the command's parameter, treats the default query as empty and pages as Teams asks, at most 25", () => {
    const q = (parameters: { name: string; value: unknown }[], queryOptions?: { skip?: number; count?: number }) => ({
      commandId: SEARCH_COMMAND.id,
      parameters,
      ...(queryOptions ? { queryOptions } : {}),
    });
    expect(searchText(q([{ name: SEARCH_COMMAND.parameter, value: 'IIFS 07' }]))).toBe('IIFS 07');
    expect(searchText(q([{ name: 'initialRun', value: 'true' }]))).toBe('');
    expect(searchText(q([{ name: 'other', value: 'x' }]))).toBe('');
    expect(searchText(q([{ name: SEARCH_COMMAND.parameter, value: 42 }]))).toBe('');
    expect(searchText(q([{ name: SEARCH_COMMAND.parameter, value: 'x'.repeat(1000) }]))).toHaveLength(200);
    expect(pageOf(q([]))).toEqual({ skip: 0, count: 25 });
    expect(pageOf(q([], { skip: 25, count: 10 }))).toEqual({ skip: 25, count: 10 });
    expect(pageOf(q([], { skip: -3, count: 1000 }))).toEqual({ skip: 0, count: 25 });
    expect(pageOf(q([], { skip: 1.5, count: 0 }))).toEqual({ skip: 0, count: 25 });
  });
});

describe('the tab page of a pasted address', () => {
  const app = 'https://dpo.example.org';
  it("names the tab's views on the app's own origin, under a path prefix too", () => {
    expect(pageOfAddress(`${app}/tab/control-points/4`, app)).toEqual({ kind: 'controlPoint', number: 4 });
    expect(pageOfAddress(`${app}/tab/control-points/4/`, app)).toEqual({ kind: 'controlPoint', number: 4 });
    expect(pageOfAddress(`${app}/tab/action-plan?lang=en#x`, app)).toEqual({ kind: 'actionPlan' });
    expect(pageOfAddress(`${app}/tab`, app)).toEqual({ kind: 'board' });
    expect(pageOfAddress(`${app}/tab/`, app)).toEqual({ kind: 'board' });
    expect(pageOfAddress('https://DPO.example.org/tab/board', app)).toEqual({ kind: 'board' });
    expect(pageOfAddress('https://host.example/board/tab/control-points/2', 'https://host.example/board/')).toEqual({
      kind: 'controlPoint',
      number: 2,
    });
  });

  it('is null for anything else', () => {
    for (const other of [
      'http://dpo.example.org/tab/control-points/4',
      'https://dpo.example.org:8443/tab/control-points/4',
      'https://evil.example/tab/control-points/4',
      'https://dpo.example.org.evil.example/tab/',
      `${app}/tabs`,
      `${app}/tab/scale`,
      `${app}/tab/control-points/x`,
      `${app}/api/board`,
      `${app}/`,
      'https://host.example/tab/control-points/2',
      'not a url',
      '',
    ]) {
      const base = other.startsWith('https://host.example') ? 'https://host.example/board' : app;
      expect(pageOfAddress(other, base), other).toBeNull();
    }
  });
});
