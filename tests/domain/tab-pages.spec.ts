/**
 * The tab's sub-page ids (issue 14, contract C4): the bot's links and the tab's router share one vocabulary, and a unit
 * may be named in it. https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subPageIdOf, tabPageOf, type TabPage } from '../../src/domain/tab-pages.js';
import { UNIT_ID_PATTERN } from '../../src/domain/units.js';

describe('sub-page ids', () => {
  it('keeps the ids without a unit: they mean the tab’s own unit', () => {
    expect(subPageIdOf({ kind: 'board' })).toBe('');
    expect(subPageIdOf({ kind: 'controlPoint', number: 4 })).toBe('control-points/4');
    expect(subPageIdOf({ kind: 'controlPoint', number: 4, section: 'evidence' })).toBe('control-points/4/evidence');
    expect(subPageIdOf({ kind: 'actionPlan' })).toBe('action-plan');
    expect(tabPageOf('control-points/4')).toEqual({ kind: 'controlPoint', number: 4 });
    expect(tabPageOf('board')).toEqual({ kind: 'board' });
  });

  it('names a unit and the city view', () => {
    expect(subPageIdOf({ kind: 'city' })).toBe('city');
    expect(subPageIdOf({ kind: 'board', unitId: 'kultur' })).toBe('units/kultur');
    expect(subPageIdOf({ kind: 'controlPoint', number: 4, unitId: 'exempel-01' })).toBe('units/exempel-01/control-points/4');
    expect(subPageIdOf({ kind: 'controlPoint', number: 4, section: 'evidence', unitId: 'kultur' })).toBe(
      'units/kultur/control-points/4/evidence',
    );
    expect(subPageIdOf({ kind: 'actionPlan', unitId: 'kultur' })).toBe('units/kultur/action-plan');
    expect(tabPageOf('city')).toEqual({ kind: 'city' });
    expect(tabPageOf('/units/kultur/')).toEqual({ kind: 'board', unitId: 'kultur' });
  });

  it('reads back every id it writes', () => {
    const unitId = fc.option(fc.stringMatching(UNIT_ID_PATTERN), { nil: undefined });
    const scoped = <T extends object>(page: T, id: string | undefined) => (id === undefined ? page : { ...page, unitId: id });
    const page: fc.Arbitrary<TabPage> = fc.oneof(
      fc.constant<TabPage>({ kind: 'city' }),
      unitId.map((id) => scoped({ kind: 'board' as const }, id)),
      unitId.map((id) => scoped({ kind: 'actionPlan' as const }, id)),
      fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.boolean(), unitId)
        .map(([number, evidence, id]) =>
          scoped(
            evidence ? { kind: 'controlPoint' as const, number, section: 'evidence' as const } : { kind: 'controlPoint' as const, number },
            id,
          ),
        ),
    );
    fc.assert(
      fc.property(page, (p) => {
        expect(tabPageOf(subPageIdOf(p))).toEqual(p);
      }),
    );
  });

  it('names nothing for ids it does not know (links anyone can write)', () => {
    for (const junk of [
      'units',
      'units/',
      'units/A',
      'units/-kultur',
      'units/Kultur/action-plan',
      'units/kultur/city',
      'units/kultur/config',
      'units/../control-points/4',
      'units/kultur/control-points/x',
      'city/units/kultur',
      'https://evil.example/tab/units/kultur',
    ]) {
      expect(tabPageOf(junk), junk).toBeNull();
    }
  });
});
