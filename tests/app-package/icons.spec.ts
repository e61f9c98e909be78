/** The committed icons are what scripts/app-package/icons.ts draws, in the sizes and colours Teams requires. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/app-package/cli.js';
import { iconFiles } from '../../scripts/app-package/icons.js';
import { decodePng } from '../../scripts/app-package/png.js';

const committed = (name: string) => fs.readFileSync(path.join(ROOT, 'appPackage', name));

describe('app icons', () => {
  it('are the output of the committed script (regenerate with npm run icons)', () => {
    const drawn = iconFiles();
    expect(drawn['color.png'].equals(committed('color.png'))).toBe(true);
    expect(drawn['outline.png'].equals(committed('outline.png'))).toBe(true);
  });

  it('color.png is 192×192 and opaque everywhere (full-bleed colour)', () => {
    const png = decodePng(committed('color.png'));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect(png.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('outline.png is 32×32, white on transparent, with a visible shape', () => {
    const png = decodePng(committed('outline.png'));
    expect([png.width, png.height]).toEqual([32, 32]);
    let drawnPixels = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = png.data.subarray(i, i + 4);
      if (a === 0) continue;
      expect([r, g, b]).toEqual([255, 255, 255]);
      drawnPixels += 1;
    }
    expect(drawnPixels).toBeGreaterThan(100);
    expect(drawnPixels).toBeLessThan(32 * 32 * 0.6);
  });
});
