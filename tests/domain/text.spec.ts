/** The control-character rule every write path shares (src/domain/text.ts). */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { checkStatusUpdate } from '../../src/domain/rules.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { errorMessage } from '../../src/words/errors.js';
import { checkPlainText, findControlCharacter, isPlainText, plainText } from '../../src/domain/text.js';

const field = { sv: 'texten', en: 'the text' };
const ciso = { id: 'ciso', displayName: 'CISO', roles: ['ciso' as const], grants: [{ role: 'ciso' as const, units: '*' as const }] };

function refusal(text: string): DomainError {
  try {
    checkPlainText(text, field);
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe('control characters in texts', () => {
  it('allows tab, newline and Windows line ends, and everything printable', () => {
    for (const ok of ['Status\tklar', 'rad 1\nrad 2', 'rad 1\r\nrad 2', 'åäö – “citat” 😀', '']) {
      expect(isPlainText(ok.replace(/\r\n/g, '\n'))).toBe(true);
      expect(() => checkPlainText(ok, field)).not.toThrow();
    }
  });

  it('refuses every other character from U+0000 to U+001F, naming it and where it is, in Swedish and English', () => {
    for (let code = 0; code < 0x20; code += 1) {
      if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
      expect(findControlCharacter(`ab${String.fromCharCode(code)}`)).toEqual({
        index: 2,
        codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
      });
    }
    const error = refusal('Klart\u0000');
    expect(error.code).toBe('invalid_input');
    expect(error.status).toBe(400);
    expect(errorMessage(error, 'sv')).toContain('texten innehåller ett otillåtet styrtecken (U+0000, tecken 6)');
    expect(errorMessage(error, 'en')).toContain('the text contains a control character that is not allowed (U+0000, character 6)');
  });

  it('cleans stored text for output: line ends normalized, other control characters removed', () => {
    expect(plainText('a\u0000b\r\nc\rd\u001Fe\tf')).toBe('ab\nc\nde\tf');
  });

  it('is applied by the domain rules every store calls', () => {
    const input = { unitId: 'u', year: 2024, controlPoint: 1, statusDate: '2024-11-06', text: 'Klart\u0007', unitLevel: null };
    expect(() => checkStatusUpdate(ciso, DEFAULT_SCALE, input)).toThrow(DomainError);
    expect(() => checkStatusUpdate(ciso, DEFAULT_SCALE, { ...input, text: 'Klart\n' })).not.toThrow();
  });
});
