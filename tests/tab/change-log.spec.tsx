// @vitest-environment jsdom
/**
 * The control point's change log in the tab shows every kind of change in words (src/words/changes.ts, the words the
 * bot's posts use), never by its code name: evidence, corrections, refusals and deletions of direct SharePoint edits,
 * a changed activity and a status request, as GET /api/control-points/4 answers them.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as changes from '../../src/domain/changes.js';
import type { Evidence } from '../../src/domain/evidence.js';
import type { Activity, ChangeRecord, StatusUpdate } from '../../src/domain/model.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { fakeApi, fixtures, renderApp } from './harness.js';

afterEach(cleanup);

const at = '2026-11-28T10:00:00.000Z';
const ctx: WriteContext = {
  actor: { id: 'dpo', displayName: 'Anna Andersson', roles: ['dpo'], grants: [{ role: 'dpo', units: '*' }] },
  source: 'sharepoint',
  now: new Date(at),
};
const status = fixtures.detail4.statusUpdates[0] as StatusUpdate;
const activity = fixtures.detail4.activities[0] as Activity;
const evidence: Evidence = {
  id: '12',
  unitId: 'intraservice',
  controlPoint: 4,
  title: 'Registerutdrag november',
  url: 'https://example.test/utdrag.xlsx',
  kind: 'registerExtract',
  date: '2024-11-01',
  origin: 'link',
  addedBy: 'dpo',
  addedByName: 'Anna Andersson',
  addedAt: at,
};
const target = changes.targetOf('status', status);
const records = [
  changes.evidenceAdded(evidence, ctx),
  changes.statusCorrected(status, { ...status, text: 'Rättad i listan' }, ctx),
  changes.editRefused(
    target,
    status,
    { what: 'status', action: 'edit', attempted: status, reason: { sv: 'Din roll får inte', en: 'Your role may not' } },
    ctx,
  ),
  changes.itemDeleted(target, status, ctx),
  changes.activityUpdated(activity, { ...activity, state: 'done' }, ctx),
].map((c, i): ChangeRecord => ({ ...c, seq: 100 + i }));

describe('the change log of a control point', () => {
  it('says every change in words, as the bot’s post does, and never by its code name', async () => {
    const api = fakeApi();
    api.override((req) =>
      req.method === 'GET' && req.path === '/api/control-points/4'
        ? { status: 200, body: { ...fixtures.detail4, changes: records } }
        : undefined,
    );
    renderApp({ path: '/tab/control-points/4', api });
    const log = await screen.findByTestId('change-log');
    const rows = await within(log).findAllByRole('row');
    const said = rows.slice(1).map((row) => within(row).getAllByRole('cell')[2]!.textContent);
    expect(said).toEqual([
      'Underlag tillagt: Registerutdrag november',
      'Status rättad i SharePoint: Rättad i listan',
      'Ändring i SharePoint avvisad: Status – Din roll får inte',
      expect.stringMatching(/^Rad borttagen i SharePoint: Status – Det finns ett personuppgiftsregister idag\. .{20,}…$/),
      'Aktivitet ändrad: Aktiviteter pågår inom ramen för projekt. (Pågående, Q2 2025 → Klar, Q2 2025)',
    ]);
    for (const text of said) expect(text).not.toMatch(/\b(evidence|status|edit|item|activity)\.\w+/);
  });
});
