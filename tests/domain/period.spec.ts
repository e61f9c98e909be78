import { describe, expect, it } from 'vitest';
import { isIsoDate, isQuarter, quarterEnd } from '../../src/domain/period.js';

describe('dates and quarters', () => {
  it('knows real dates from look-alikes', () => {
    expect(isIsoDate('2024-11-06')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('6 nov 2024')).toBe(false);
  });

  it('knows quarters and where they end', () => {
    expect(isQuarter('2024-Q4')).toBe(true);
    expect(isQuarter('2024-Q5')).toBe(false);
    expect(quarterEnd('2025-Q1')).toBe('2025-03-31');
    expect(quarterEnd('2025-Q2')).toBe('2025-06-30');
    expect(quarterEnd('2024-Q4')).toBe('2024-12-31');
  });
});
