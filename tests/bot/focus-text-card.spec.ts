/**
 * The bot's focus card ("fokus" / "focus") carries control point 7's focus-slide text (the report's lines 145–158,
 * kept on its focus area by the seed), headed as coming from the annual report's focus slide, in Swedish and
 * English, read from a real SQLite file seeded from the report. The card validates as Adaptive Card 1.5.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as AC from 'adaptivecards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusCard } from '../../bot/cards.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildBoard, type BoardView } from '../../src/domain/views.js';
import { importSeedFile } from '../../src/store/open.js';
import { readSeedFile } from '../../src/store/seed.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const dir = tempDataDir();
let board: BoardView;
beforeAll(async () => {
  const store = openSqliteStore({ file: path.join(dir, 'focus.sqlite'), scale: DEFAULT_SCALE });
  await importSeedFile(store);
  board = buildBoard(await store.getBoardData('intraservice'), DEFAULT_SCALE, '2026-11-28');
  await store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the focus card and control point 7's focus-slide text", () => {
  it('the board view carries the text of the focus slide for control point 7 only', () => {
    const seeded = readSeedFile().focusAreas.find((f) => f.controlPoint === 7)!;
    expect(board.focusTexts).toEqual([{ controlPoint: 7, focusYear: 2024, text: seeded.text }]);
  });

  it('is shown under a heading naming the focus slide, one bullet per line, in both languages', () => {
    const sv = JSON.stringify(focusCard('sv', board, (n) => `https://example.test/tab/control-points/${n}`).content);
    expect(sv).toContain('Från årsrapportens fokusbild: 7. Informationsplikt');
    expect(sv).toContain('- Integritetspolicy kommer att ses över och uppdateras vid behov.\\n- Projektet kommer att utbilda');
    const en = JSON.stringify(focusCard('en', board, () => 'https://example.test/tab/').content);
    expect(en).toContain("From the annual report's focus slide: 7.");
  });

  it('validates as an Adaptive Card', () => {
    for (const locale of ['sv', 'en'] as const) {
      const card = new AC.AdaptiveCard();
      card.parse(focusCard(locale, board, () => 'https://example.test/tab/').content);
      expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    }
  });
});
