/**
 * zod's refusals in words (src/words/input.ts): whatever a caller sends to any of the API's schemas,
 * the Swedish answer holds no English and no unfilled placeholder, and the English one none either.
 * Property-based (fast-check) over arbitrary JSON, so a new field or check without words shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from '../../src/api/errors.js';
import * as schemas from '../../src/api/schemas.js';
import { DomainError } from '../../src/domain/errors.js';
import { errorMessage } from '../../src/words/errors.js';

const ENGLISH = /\b(expected|received|must|invalid|Invalid|the|is|not|unknown|Too|small|big|string|number|nothing|Unrecognized)\b/;

/** A placeholder left unfilled. */
const PLACEHOLDER = /\{\w+\}/;
/** A quoted echo of the caller's input, JSON-escaped. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** Every zod schema the API parses input with. */
const SCHEMAS: [string, z.ZodType][] = Object.entries(schemas).flatMap(([name, value]) =>
  value instanceof z.ZodType ? [[name, value]] : [],
);

function refusal(schema: z.ZodType, input: unknown): DomainError | null {
  try {
    parse(schema, input);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

describe('zod refusals in Swedish and English', () => {
  it('covers the API schemas', () => {
    expect(SCHEMAS.map(([name]) => name)).toEqual(expect.arrayContaining(['assessmentBody', 'statusUpdateBody', 'newActivityBody']));
  });

  it.each(SCHEMAS)('%s: any refused input is said without English in Swedish, with every placeholder filled', (_, schema) => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('level', 'text', 'state', 'year', 'dueTo', 'x'), fc.jsonValue())),
        (input) => {
          const error = refusal(schema, input);
          if (!error) return;
          expect(error.code).toBe('invalid_input');
          const sv = errorMessage(error, 'sv');
          const en = errorMessage(error, 'en');
          // What the caller sent is echoed in quotes (an unknown field's name): only the words around it are checked.
          expect(sv.replace(QUOTED, '""')).not.toMatch(ENGLISH);
          expect(sv.replace(QUOTED, '""')).not.toMatch(PLACEHOLDER);
          expect(en.replace(QUOTED, '""')).not.toMatch(PLACEHOLDER);
          expect(en).toMatch(/^The input is incomplete or invalid: /);
        },
      ),
      { numRuns: 60 },
    );
  });
});
