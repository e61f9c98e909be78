// @vitest-environment jsdom
/**
 * The units page shows a unit's people as GET /api/units answers them (src/domain/units.ts unitAsSeenBy, tested over
 * HTTP in tests/api/unit-privacy.spec.ts): with e-mail in the units the person may manage, by name and role in the
 * units they only read, and it offers no change of a unit they only read.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import { unitAsSeenBy } from '../../src/domain/units.js';
import { extraUnit, fakeApi, renderApp, managedFixtureUnit } from './harness.js';

afterEach(cleanup);

const intraservice = managedFixtureUnit();
const kultur: Unit = {
  ...extraUnit('kultur', 'Kulturförvaltningen'),
  responsible: [{ role: 'ciso', name: 'Kim Kultur', email: 'kim@example.invalid', aadObjectId: 'aad-kim' }],
  version: 2,
};

describe('the units page for a DPO of one unit who reads another', () => {
  it("shows the managed unit's people with e-mail and the other's by name and role, and changes only the managed one", async () => {
    // The harness's DPO: DPO in Intraservice, reader in Kultur; /api/units answers as the server would for them.
    const api = fakeApi({ units: [kultur], readOnly: ['kultur'] });
    const dpo: Actor = {
      id: 'dpo',
      displayName: 'Dataskyddsombud',
      roles: ['dpo'],
      grants: [
        { role: 'dpo', units: ['intraservice'] },
        { role: 'reader', units: ['kultur'] },
      ],
    };
    const units = [intraservice, kultur].map((u) => unitAsSeenBy(u, dpo));
    api.override((req) => (req.method === 'GET' && req.path === '/api/units' ? { status: 200, body: { units } } : undefined));
    renderApp({ user: 'dpo', path: '/tab/admin/units', api });
    const active = await screen.findByRole('region', { name: 'Aktiva förvaltningar' });
    expect(within(active).getByText('Cia So (CISO, cia@example.invalid)')).toBeTruthy();
    expect(within(active).getByText('Kim Kultur (CISO)')).toBeTruthy();
    expect(active.textContent).not.toContain('kim@example.invalid');
    expect(within(active).getByRole('button', { name: 'Ändra Intraservice' })).toBeTruthy();
    expect(within(active).queryByRole('button', { name: 'Ändra Kulturförvaltningen' })).toBeNull();
    expect(within(active).queryByRole('button', { name: 'Arkivera Kulturförvaltningen' })).toBeNull();
  });
});
