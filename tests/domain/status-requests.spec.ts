/** The status request's rules (src/domain/status-requests.ts): due dates, who may ask and answer, and who an owner text names. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/roles.js';
import {
  authorizeAnswer,
  dueDateOf,
  isPastDue,
  namesOwner,
  ownerRole,
  responsibleAmong,
  type StatusRequest,
} from '../../src/domain/status-requests.js';
import type { Role } from '../../src/domain/roles.js';

const now = new Date('2026-11-28T10:00:00Z');
const as = (...roles: Actor['roles']): Actor => ({
  id: 'x',
  displayName: 'X',
  roles,
  grants: roles.map((role) => ({ role, units: ['intraservice'] })),
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('status requests (domain)', () => {
  it('gives a week by default, takes a date from today up to 90 days ahead, and refuses anything else', () => {
    expect(dueDateOf(undefined, now)).toBe('2026-12-05');
    expect(dueDateOf('2026-11-28', now)).toBe('2026-11-28');
    expect(dueDateOf('2027-02-26', now)).toBe('2027-02-26');
    for (const bad of ['2026-11-27', '2027-02-27', '2026-02-30', 'soon'])
      expect(
        codeOf(() => dueDateOf(bad, now)),
        bad,
      ).toBe('invalid_input');
  });

  it('lets those who write status answer, and no one else', () => {
    expect(codeOf(() => authorizeAnswer(as('ciso'), 'intraservice'))).toBeNull();
    expect(codeOf(() => authorizeAnswer(as('editor'), 'intraservice'))).toBeNull();
    expect(codeOf(() => authorizeAnswer(as('dpo'), 'intraservice'))).toBe('forbidden');
    expect(codeOf(() => authorizeAnswer(as('reader'), 'intraservice'))).toBe('forbidden');
    expect(codeOf(() => authorizeAnswer(as('ciso'), 'exempel-01'))).toBe('forbidden');
  });

  it('is past due only when open and its last day has passed', () => {
    const open = { state: 'open', dueDate: '2026-12-05' } as StatusRequest;
    expect(isPastDue(open, '2026-12-05')).toBe(false);
    expect(isPastDue(open, '2026-12-06')).toBe(true);
    expect(isPastDue({ ...open, state: 'answered' }, '2027-01-01')).toBe(false);
  });

  it('reads a role or a person from the owner text', () => {
    expect(ownerRole('CISO Intraservice')).toBe('ciso');
    expect(ownerRole('Dataskyddsombudet')).toBe('dpo');
    expect(ownerRole('Anna Berg')).toBeNull();
    expect(namesOwner('Anna Berg, CISO', 'Anna Berg')).toBe(true);
    expect(namesOwner('anna berg', 'Anna  Berg')).toBe(true);
    expect(namesOwner('Annabel Bergström', 'Anna Berg')).toBe(false);
    expect(namesOwner('CISO Intraservice', 'Megan Bowen')).toBe(false);
    expect(namesOwner('Anna Berg', 'An')).toBe(false);
  });
});

describe('who an owner text makes responsible (asked for a status, reminded of overdue work)', () => {
  const people = [
    { name: 'Megan Bowen', roles: ['ciso'] as Role[] },
    { name: 'Anna Berg', roles: ['editor'] as Role[] },
    { name: 'Lee Gu', roles: ['ciso'] as Role[] },
  ];
  const asked: string[] = [];
  const rolesOf = (p: (typeof people)[number]) => {
    asked.push(p.name);
    return Promise.resolve(p.roles);
  };
  const names = async (owner: string) => (await responsibleAmong(owner, people, (p) => p.name, rolesOf)).map((p) => p.name);

  it('takes the person the owner text names before anyone holding the role it names, without asking roles', async () => {
    asked.length = 0;
    expect(await names('Anna Berg, CISO')).toEqual(['Anna Berg']);
    expect(asked).toEqual([]);
  });

  it('takes every holder of the named role, in order, when the text names no one; nobody for neither', async () => {
    expect(await names('CISO Intraservice')).toEqual(['Megan Bowen', 'Lee Gu']);
    expect(await names('Förvaltningsledningen')).toEqual([]);
  });
});
