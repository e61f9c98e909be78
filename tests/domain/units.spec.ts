/** The units' pure rules (src/domain/units.ts): names and labels, finding a unit by what a person types, the fixed control points. */
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/model.js';
import { checkNewUnit, FIXED_CONTROL_POINTS, findUnit, unitLabel, unitName } from '../../src/domain/units.js';
import { readSeedFile } from '../../src/store/seed.js';

const unit = (id: string, name: string, nameEn: string, marks: Partial<Unit> = {}): Unit => ({
  id,
  name,
  nameEn,
  organisation: 'Göteborgs Stad',
  archived: false,
  example: false,
  responsible: [],
  version: 1,
  ...marks,
});

const units = [
  unit('intraservice', 'Intraservice', 'Intraservice'),
  unit('exempel-01', 'Exempel 01 – Kulturförvaltningen', 'Example 01 – Culture Administration', { example: true }),
  unit('gamla', 'Gamla förvaltningen', 'Old Administration', { archived: true }),
  unit('park-a', 'Park', 'Parks A'),
  unit('park-b', 'Park', 'Parks B'),
];

describe('units', () => {
  it('are named in the language asked for, and labelled with their example and archived marks', () => {
    expect(unitName(units[1]!, 'en')).toBe('Example 01 – Culture Administration');
    expect(unitLabel(units[1]!, 'sv')).toBe('Exempel 01 – Kulturförvaltningen (exempel)');
    expect(unitLabel(units[2]!, 'en')).toBe('Old Administration (archived)');
    expect(unitLabel({ ...units[1]!, archived: true }, 'sv')).toBe('Exempel 01 – Kulturförvaltningen (exempel, arkiverad)');
    expect(unitLabel(units[0]!, 'sv')).toBe('Intraservice');
  });

  it('are found by id or either name, trimmed and in any case; none when no or several units match', () => {
    expect(findUnit(units, 'exempel-01')?.id).toBe('exempel-01');
    expect(findUnit(units, '  GAMLA FÖRVALTNINGEN ')?.id).toBe('gamla');
    expect(findUnit(units, 'example 01 – culture administration')?.id).toBe('exempel-01');
    expect(findUnit(units, 'Park')).toBeNull();
    expect(findUnit(units, 'parks b')?.id).toBe('park-b');
    expect(findUnit(units, 'okänd')).toBeNull();
    expect(findUnit(units, '   ')).toBeNull();
  });

  it("are followed up against the twelve fixed control points, numbered and titled as the report's", () => {
    expect(FIXED_CONTROL_POINTS).toEqual(readSeedFile().controlPoints.map((c) => ({ number: c.number, title: c.title })));
  });

  it('trim what is typed and keep e-mail addresses in lower case', () => {
    const admin = {
      id: 'admin',
      displayName: 'Admin',
      roles: ['admin' as const],
      grants: [{ role: 'admin' as const, units: '*' as const }],
    };
    const made = checkNewUnit(
      {
        id: 'kultur',
        name: ' Kulturförvaltningen ',
        nameEn: 'Culture',
        organisation: 'Göteborgs Stad',
        responsible: [{ role: 'dpo', name: ' Dana ', email: ' Dana@Example.SE ' }],
      },
      { actor: admin },
    );
    expect(made).toMatchObject({ name: 'Kulturförvaltningen', responsible: [{ role: 'dpo', name: 'Dana', email: 'dana@example.se' }] });
  });
});
