/**
 * Shared pieces of the property-based tests (fast-check, https://fast-check.dev/docs/core-blocks/arbitraries/):
 * hostile strings and JSON values, and the checks every answer must pass whatever was sent.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Runs per property: enough to find the usual mistakes, few enough for CI on two busy cores. FUZZ_RUNS raises it locally. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** FUZZ_SEED replays a failing run (fast-check prints the seed and path of every failure). */
export const SEED = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};

/** Strings people and programs get wrong: control characters, markup, paths, numbers in disguise, huge and empty. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'Klart\u0000',
    'a\u001bb',
    '\r',
    'rad 1\r\nrad 2',
    '\t',
    '\u2028',
    '\uD800',
    '<script>alert(1)</script>',
    "'; DROP TABLE changes;--",
    '../../etc/passwd',
    '%00',
    '0x2',
    '1e0',
    '-1',
    '2023',
    '2024',
    '4',
    '9',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    '2025-Q3',
    '2025-q3',
    '2025-K1',
    '2024-02-30',
    '2024-11-06',
    'planned',
    'ongoing',
    'done',
    'intraservice',
  ),
  fc.integer({ min: 1, max: 6000 }).map((n) => 'x'.repeat(n)),
);

/** Mostly a good value, now and then a bad one. */
export const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });

/** encodeURIComponent of any string: a lone surrogate (which it cannot encode) becomes U+FFFD, as a browser sends it. */
export const encodePathPart = (s: string): string =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** Any JSON value, hostile strings included. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  hostileString,
  fc.integer(),
  fc.integer({ min: -3, max: 12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(hostileString, { maxLength: 25 }),
);

/**
 * A body for a write: often exactly what the route takes (`valid`: every required field, optional ones good or
 * left out), otherwise an object with some of the fields, each good or any JSON, now and then with a field nobody
 * expects. So the runs have both writes that succeed and every kind of refusal.
 */
export function nearlyValid(valid: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const good = fc.record(valid, { requiredKeys: required });
  const mixed = Object.fromEntries(Object.entries(valid).map(([key, arb]) => [key, fc.oneof(arb, arb, jsonValue)]));
  const mutated = fc
    .tuple(fc.record(mixed, { requiredKeys: [] }), fc.option(fc.dictionary(hostileString, jsonValue, { maxKeys: 2 }), { nil: undefined }))
    .map(([known, extra]) => ({ ...(extra ?? {}), ...known }));
  return fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: mutated, weight: 2 });
}

/** A request body as bytes on the wire: JSON of a value, broken JSON, or not JSON at all, with a content type. */
export interface WireBody {
  contentType: string | undefined;
  text: string;
}

export function wireBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<WireBody> {
  return fc.oneof(
    { arbitrary: value.map((v) => ({ contentType: 'application/json', text: JSON.stringify(v) ?? 'null' })), weight: 12 },
    { arbitrary: fc.json().map((text) => ({ contentType: 'application/json', text })), weight: 1 },
    { arbitrary: hostileString.map((text) => ({ contentType: 'application/json', text })), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', undefined), value)
        .map(([contentType, v]) => ({ contentType, text: JSON.stringify(v) ?? '' })),
      weight: 1,
    },
  );
}

/** Control characters the app must never store or show (U+0000–U+001F but tab and newline). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b-\u001f]/;

/** Every string inside a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A refusal as the API gives it: 4xx, JSON `{ error: { code, message } }`, no stack trace, no path of this machine. */
export function expectCleanRefusal(status: number, contentType: string | null, text: string): void {
  expect(status, text).toBeGreaterThanOrEqual(400);
  expect(status, text).toBeLessThan(500);
  expect(contentType ?? '', text).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, text).toBe('string');
  expect(typeof body.error?.message, text).toBe('string');
  expectNoInternals(text);
}

/** No stack frame and no absolute path of this machine in an answer. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat [^\s]+ \(|\n\s+at /);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toMatch(/node_modules|\/tmp\/|file:\/\//);
}
