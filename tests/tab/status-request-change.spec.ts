/**
 * The tab's change log names a status request (statusRequest.created) in the words the channel post uses
 * (src/words/changes.ts, src/words/status-requests.ts): the post's headline, then the sentence; never the kind's code name.
 */
import { describe, expect, it } from 'vitest';
import { statusRequestCreated } from '../../src/domain/changes.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { makeI18n } from '../../tab/src/i18n/i18n.js';
import { describeChange } from '../../tab/src/views/detail/describeChange.js';
import { openRequest } from '../fixtures/status-requests.js';

const at = new Date('2026-11-28T10:00:00.000Z');
const actor = {
  id: 'ciso',
  displayName: 'Anna Andersson',
  roles: ['ciso' as const],
  grants: [{ role: 'ciso' as const, units: '*' as const }],
};
const change: ChangeRecord = {
  seq: 3,
  ...statusRequestCreated(
    openRequest({
      id: '5',
      controlPoint: 7,
      requestedBy: 'ciso',
      requestedByName: 'Anna Andersson',
      askedId: '29:teams-account',
      dueDate: '2026-12-12',
    }),
    { actor, source: 'tab', now: at },
  ),
};

describe('a status request in the tab’s change log', () => {
  it('reads as who asked whom about which control point and by when, in Swedish and English', () => {
    expect(describeChange(change, makeI18n('sv'), DEFAULT_SCALE)).toBe(
      'Status begärd: Anna Andersson bad Megan Bowen om ny status för kontrollpunkt 7, senast 2026-12-12',
    );
    expect(describeChange(change, makeI18n('en'), DEFAULT_SCALE)).toBe(
      'Status requested: Anna Andersson asked Megan Bowen for a new status on control point 7, due 2026-12-12',
    );
  });
});
