/**
 * Error messages come from the catalog (src/words/errors.ts, src/words/input.ts): every code, missing
 * thing and permission in both languages with the same placeholders, and no English in a Swedish
 * answer, zod's refusals included, over real HTTP on a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, ERROR_STATUS, MISSING_THINGS, type ErrorCode } from '../../src/domain/errors.js';
import { PERMISSIONS } from '../../src/domain/roles.js';
import { ERROR_MESSAGES, errorMessage, FORBIDDEN_IN_UNIT, PERMISSION_WORDS } from '../../src/words/errors.js';
import { CHECK_WORDS, FIELD_WORDS } from '../../src/words/input.js';
import { placeholdersOf } from '../../src/words/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Words that only an English sentence holds; none may appear in a Swedish answer. */
const ENGLISH = /\b(expected|received|must|invalid|Invalid|the|is|not|does|exist|unknown|Too|small|big|string|number|nothing)\b/;

describe('the error catalog', () => {
  it('says every error code in both languages, with the same placeholders', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const { sv, en } = ERROR_MESSAGES[code];
      expect(sv.trim(), code).not.toBe('');
      expect(en.trim(), code).not.toBe('');
      expect(placeholdersOf(en), code).toEqual(placeholdersOf(sv));
    }
  });

  it('names every missing thing and every permission in Swedish', () => {
    for (const what of MISSING_THINGS) {
      const sv = errorMessage(new DomainError('not_found', { what }), 'sv');
      expect(sv).toMatch(/^\p{Lu}\p{Ll}+ finns inte\.$/u);
      expect(errorMessage(new DomainError('not_found', { what }), 'en')).toMatch(/^The .+ does not exist\.$/);
    }
    expect(errorMessage(new DomainError('not_found', { what: 'year' }), 'sv')).toBe('Rapportåret finns inte.');
    for (const permission of PERMISSIONS) {
      expect(errorMessage(new DomainError('forbidden', { permission }), 'sv')).toBe(
        `Din roll får inte ${PERMISSION_WORDS[permission].sv}.`,
      );
    }
  });

  it('names the unit of a refusal about one unit, in both languages with the same placeholders', () => {
    expect(placeholdersOf(FORBIDDEN_IN_UNIT.en)).toEqual(placeholdersOf(FORBIDDEN_IN_UNIT.sv));
    const inCulture = new DomainError('forbidden', { permission: 'writeStatus', unitId: 'kultur', unit: { sv: 'Kultur', en: 'Culture' } });
    expect(errorMessage(inCulture, 'sv')).toBe('Din roll i Kultur får inte uppdatera förvaltningens status.');
    expect(errorMessage(inCulture, 'en')).toBe("Your role in Culture may not update the unit's status.");
    // A unit id alone names no unit: the API's error handler finds its name (src/api/errors.ts).
    expect(errorMessage(new DomainError('forbidden', { permission: 'read', unitId: 'kultur' }), 'sv')).toBe(
      'Din roll får inte läsa tavlan.',
    );
  });

  it('has every field and check of the input in both languages, the checks with the same placeholders', () => {
    for (const [name, words] of Object.entries(FIELD_WORDS)) expect(words.sv && words.en, name).toBeTruthy();
    for (const [name, { sv, en }] of Object.entries(CHECK_WORDS)) expect(placeholdersOf(en), name).toEqual(placeholdersOf(sv));
  });
});

describe('answers in the caller’s language, zod’s refusals included', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const message = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;
  const both = async (user: string, method: string, path: string, body?: unknown) => ({
    sv: await message(await server.call(user, method, path, body, { 'Accept-Language': 'sv-SE' })),
    en: await message(await server.call(user, method, path, body, { 'Accept-Language': 'en-GB' })),
  });

  it('a year off the range is said in Swedish with the field named', async () => {
    const { sv, en } = await both('reader', 'GET', '/api/board?year=3000');
    expect(sv).toBe('Uppgifterna är ofullständiga eller felaktiga: år får vara högst 2100');
    expect(en).toBe('The input is incomplete or invalid: year may be at most 2100');
  });

  it('a missing text, an unknown field, a wrong type and a bad quarter are said without English', async () => {
    const cases: [string, string, string, unknown][] = [
      ['ciso', 'POST', '/api/control-points/3/status-updates', { unitLevel: 'tre' }],
      ['ciso', 'POST', '/api/control-points/3/activities', { text: 'x', dueTo: '2025Q2', colour: 'red' }],
      ['ciso', 'PATCH', '/api/instructions/5', {}],
      ['ciso', 'PATCH', '/api/instructions/5', { state: 'klar' }],
      ['reader', 'GET', '/api/control-points/0x2', undefined],
      ['dpo', 'POST', '/api/control-points/3/assessments', { level: 2.5 }],
    ];
    for (const [user, method, path, body] of cases) {
      const { sv, en } = await both(user, method, path, body);
      expect(sv, `${method} ${path}`).not.toMatch(ENGLISH);
      expect(sv).not.toBe(en);
    }
    const { sv } = await both('ciso', 'POST', '/api/control-points/3/activities', { text: 'x', dueTo: '2025Q2', colour: 'red' });
    expect(sv).toContain('till kvartal ska vara ett kvartal ÅÅÅÅ-Qn');
    expect(sv).toContain('okänt fält: "colour"');
    const missing = await both('ciso', 'POST', '/api/control-points/3/status-updates', {});
    expect(missing).toEqual({
      sv: 'Uppgifterna är ofullständiga eller felaktiga: text saknas',
      en: 'The input is incomplete or invalid: text is missing',
    });
  });

  it('a role that may not assess is told what it may not do, in words, and in which unit', async () => {
    const { sv, en } = await both('ciso', 'POST', '/api/control-points/3/assessments', { level: 2 });
    expect(sv).toBe('Din roll i Intraservice får inte bedöma kontrollpunkter (det gör dataskyddsombudet).');
    expect(en).toBe('Your role in Intraservice may not assess control points (the data protection officer does).');
  });
});
