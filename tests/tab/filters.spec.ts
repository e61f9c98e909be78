import { describe, expect, it } from 'vitest';
import type { ControlPointSummary } from '../../src/domain/views.js';
import { applyFilter, EMPTY_FILTER } from '../../tab/src/views/board/filters.js';
import board from './fixtures/board.json';

const cps = board.controlPoints as unknown as ControlPointSummary[];
const numbers = (list: ControlPointSummary[]) => list.map((c) => c.number);

describe('board filters', () => {
  it('keeps all twelve in number order without a filter', () => {
    expect(numbers(applyFilter(cps, EMPTY_FILTER))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('filters by focus, overdue, work package (or none) and level', () => {
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, focusOnly: true }))).toEqual([1, 4, 7]);
    const overdue = applyFilter(cps, { ...EMPTY_FILTER, overdueOnly: true });
    expect(overdue.every((c) => c.overdue)).toBe(true);
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, workPackage: 'Systemstod' }))).toEqual([4]);
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, workPackage: '-' }))).toEqual([5, 7, 11, 12]);
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, level: '5' }))).toEqual([1]);
  });

  it('searches number, title, status text and work package, every word, any case', () => {
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, query: 'INCIDENT' }))).toContain(2);
    expect(numbers(applyFilter(cps, { ...EMPTY_FILTER, query: 'konsekvensbedömning' }))).toEqual([9]);
    const both = applyFilter(cps, { ...EMPTY_FILTER, query: 'systemstöd register' });
    expect(numbers(both)).toContain(4);
    expect(both.length).toBeLessThan(applyFilter(cps, { ...EMPTY_FILTER, query: 'systemstöd' }).length);
    expect(applyFilter(cps, { ...EMPTY_FILTER, query: 'finns inte alls xyz' })).toEqual([]);
  });

  it('sorts by level both ways, with ties by number, and by expected end with the unknown last', () => {
    const asc = applyFilter(cps, { ...EMPTY_FILTER, sort: 'levelAsc' });
    expect(asc[0]!.number).toBe(6);
    expect(asc.at(-1)!.number).toBe(1);
    const levels = asc.map((c) => c.dpo!.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    const byEnd = applyFilter(cps, { ...EMPTY_FILTER, sort: 'expectedEnd' });
    expect(byEnd.at(-1)!.expectedEnd).toBeNull();
  });
});
