/** A unit's changes as the words catalog says them (src/words/units.ts), and as the bot posts them (bot/cards.ts). */
import { describe, expect, it } from 'vitest';
import { statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import type { ChangeRecord, Unit } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { unitChangeText } from '../../src/words/units.js';

const unit: Unit = {
  id: 'exempel-01',
  name: 'Exempel 01 – Parkförvaltningen',
  nameEn: 'Example 01 – Parks Administration',
  organisation: 'Göteborgs Stad',
  archived: false,
  example: true,
  responsible: [{ role: 'ciso', name: 'Cia So', email: 'cia@example.se' }],
  version: 1,
};

const change = (kind: ChangeRecord['kind'], before: Unit | null, after: Unit): ChangeRecord => ({
  seq: 9,
  at: '2026-11-28T10:00:00.000Z',
  actorId: 'dpo',
  actorName: 'Dataskyddsombud',
  source: 'tab',
  unitId: after.id,
  year: kind === 'unit.created' ? 2026 : null,
  kind,
  entityId: `unit:${after.id}`,
  controlPoint: null,
  before,
  after,
});

describe('unitChangeText', () => {
  it('names a new unit with its example mark, its first year and its people, in both languages', () => {
    const sv = unitChangeText(change('unit.created', null, unit), 'sv');
    expect(sv.headline).toBe('Ny förvaltning');
    expect(sv.subject).toBe('Exempel 01 – Parkförvaltningen (exempel)');
    expect(sv.facts).toContainEqual({ label: 'Första rapportår', value: '2026' });
    expect(sv.facts).toContainEqual({ label: 'Ansvariga', value: 'Cia So (CISO)' });
    const en = unitChangeText(change('unit.created', null, unit), 'en');
    expect(JSON.stringify([sv, en])).not.toContain('@');
    expect(en.subject).toBe('Example 01 – Parks Administration (example)');
    expect(en.headline).toBe('New unit');
  });

  it('says an archive, a restore and a rename, each field before → after', () => {
    const archived = { ...unit, archived: true, version: 2 };
    expect(unitChangeText(change('unit.archived', unit, archived), 'sv')).toMatchObject({
      headline: 'Förvaltningen arkiverad',
      subject: 'Exempel 01 – Parkförvaltningen (exempel, arkiverad)',
    });
    const restored = unitChangeText(change('unit.updated', archived, { ...unit, version: 3 }), 'en');
    expect(restored.headline).toBe('Unit restored from the archive');
    const renamed = unitChangeText(change('unit.updated', unit, { ...unit, name: 'Exempel 01 – Parker', version: 2 }), 'sv');
    expect(renamed.headline).toBe('Förvaltningen ändrad');
    expect(renamed.facts).toEqual([{ label: 'Namn', value: 'Exempel 01 – Parkförvaltningen → Exempel 01 – Parker' }]);
  });
});

describe('the status card of a unit change', () => {
  it('posts the headline and the unit by its label, not as an instruction', () => {
    const ctx: ChangeContext = {
      scale: DEFAULT_SCALE,
      titleOf: () => undefined,
      linkOf: () => 'https://teams.example/l/entity',
      boardUrl: 'https://teams.example/board',
    };
    const card = JSON.stringify(statusChangeCard('sv', change('unit.created', null, unit), ctx).content);
    expect(card).toContain('Ny förvaltning');
    expect(card).toContain('Exempel 01 – Parkförvaltningen (exempel)');
    expect(card).not.toContain('undefined');
  });
});
