import { describe, expect, it } from 'vitest';
import { checkPeriod, parseQuarter } from '../../tab/src/views/quarter.js';

describe('quarters as typed', () => {
  it('accepts Q or Swedish K in any case, and empty as none', () => {
    expect(parseQuarter('2025-Q2')).toBe('2025-Q2');
    expect(parseQuarter(' 2025-k3 ')).toBe('2025-Q3');
    expect(parseQuarter('2025 Q4')).toBe('2025-Q4');
    expect(parseQuarter('')).toBeNull();
    expect(parseQuarter('2025-Q5')).toBe('invalid');
    expect(parseQuarter('Q2 2025')).toBe('invalid');
  });

  it('flags a period whose end comes before its start', () => {
    expect(checkPeriod('2026-Q3', '2026-Q1')).toMatchObject({ fromError: null, toError: 'order' });
    expect(checkPeriod('2026-Q1', '2026-Q3')).toEqual({ from: '2026-Q1', to: '2026-Q3', fromError: null, toError: null });
    expect(checkPeriod('x', '')).toMatchObject({ fromError: 'format', toError: null, to: null });
  });
});
