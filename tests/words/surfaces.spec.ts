/**
 * One vocabulary (issue 12, item 3): every surface spells a state as the catalog does (src/words),
 * in Swedish and in English — the tab, the bot's cards, the deck and the XLSX, and SharePoint's
 * choice values. Fails when a surface keeps a table of its own that spells a state differently
 * ("Pågår" beside "Pågående", "Klart" beside "Klar"), both in the tables and in what is rendered.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import { STRINGS as BOT } from '../../bot/i18n.js';
import {
  ACTIVITY_STATES,
  INSTRUCTION_STATES,
  TRAINING_STATES,
  WORK_PACKAGE_STATES,
  type ChangeRecord,
  type Instruction,
  type Locale,
} from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildDeck } from '../../src/report/deck.js';
import { labelsFor } from '../../src/report/labels.js';
import { loadReportData } from '../../src/report/report-data.js';
import { buildWorkbook } from '../../src/report/xlsx.js';
import { CHOICES } from '../../src/store/sharepoint/schema.js';
import { LOCALES, STATE_KEYS, TERMS, type StateKey } from '../../src/words/index.js';
import { STRINGS as TAB } from '../../tab/src/i18n/strings.js';
import { seededStore, TODAY, UNIT, type SeededStore } from '../report/fixture.js';

/** Spellings the surfaces used before the one vocabulary; none may come back. */
/** Former spellings of a state; "Klart senast" (the catalog's due-date label, TERMS.sv.thing.dueDate) is no state. */
const FORMER = { sv: /\b(Pågår|Klart(?! senast)|Genomförd|Genomförda)\b/u, en: /\b(Held)\b/u };

/** The text runs (<a:t>) of every slide of a deck, one per line. */
async function slideText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  const xml = await Promise.all(slides.map((n) => zip.file(n)!.async('string')));
  return xml.flatMap((x) => [...x.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])).join('\n');
}

type StateTable = Partial<Record<StateKey, string>>;

/** Every surface's table of state labels, by surface and entity. */
function surfaceTables(locale: Locale): [string, StateTable, readonly StateKey[]][] {
  const tab = TAB[locale];
  const report = labelsFor(locale);
  const tables: [string, StateTable, readonly StateKey[]][] = [
    ['tab activityState', tab.activityState, ACTIVITY_STATES],
    ['tab instructionState', tab.instructionState, INSTRUCTION_STATES],
    ['tab trainingState', tab.trainingState, TRAINING_STATES],
    ['deck/XLSX activityState', report.activityState, ACTIVITY_STATES],
    ['deck/XLSX instructionState', report.instructionState, INSTRUCTION_STATES],
    ['deck/XLSX trainingState', report.trainingState, TRAINING_STATES],
    ['deck/XLSX workPackageState', report.workPackageState, WORK_PACKAGE_STATES],
  ];
  if (locale === 'sv') {
    tables.push(
      ['SharePoint activityState', CHOICES.activityState, ACTIVITY_STATES],
      ['SharePoint instructionState', CHOICES.instructionState, INSTRUCTION_STATES],
      ['SharePoint trainingState', CHOICES.trainingState, TRAINING_STATES],
      ['SharePoint workPackageState', CHOICES.workPackageState, WORK_PACKAGE_STATES],
    );
  }
  return tables;
}

describe('every surface spells each state as the catalog does', () => {
  for (const locale of LOCALES) {
    it(`in ${locale}: tab, bot, deck/XLSX and SharePoint tables`, () => {
      const spellings = new Map<StateKey, Set<string>>(STATE_KEYS.map((s) => [s, new Set([TERMS[locale].state[s]])]));
      for (const [surface, table, states] of surfaceTables(locale)) {
        for (const state of states) {
          expect(table[state], `${surface}.${state}`).toBe(TERMS[locale].state[state]);
          spellings.get(state)!.add(table[state]!);
        }
      }
      for (const [state, words] of spellings) expect([...words], `${state} is spelt one way`).toHaveLength(1);
    });

    it(`in ${locale}: group headings and counts use the catalog's plural forms`, () => {
      const tab = TAB[locale];
      expect([tab.doneGroup, tab.ongoingGroup, tab.plannedGroup]).toEqual([
        TERMS[locale].stateGroup.done,
        TERMS[locale].stateGroup.ongoing,
        TERMS[locale].stateGroup.planned,
      ]);
      for (const text of [tab.activitiesCount, tab.progressText, BOT[locale].activityCounts]) {
        expect(text).toContain(`{ongoing} ${TERMS[locale].stateMany.ongoing}`);
        expect(text).not.toMatch(FORMER[locale]);
        if (locale === 'sv') expect(text).not.toMatch(/\bpågår\b/u);
      }
    });
  }
});

describe('what the surfaces render', () => {
  let seeded: SeededStore;
  beforeAll(async () => {
    seeded = await seededStore();
  });
  afterAll(async () => {
    await seeded.dispose();
  });

  it('the bot card of an instruction change names both states as the catalog does', () => {
    const instruction: Instruction = {
      unitId: UNIT,
      number: 5,
      code: 'IIFS 05',
      title: 'Anvisning för Hantering av tillgångar',
      state: 'planned',
      plannedFrom: null,
      plannedQuarter: '2025-Q1',
      group: null,
      note: null,
      version: 1,
      updatedAt: `${TODAY}T10:00:00Z`,
      updatedBy: 'ciso',
    };
    const ctx: ChangeContext = {
      scale: DEFAULT_SCALE,
      titleOf: () => undefined,
      linkOf: () => 'https://x.example/',
      boardUrl: 'https://x.example/',
    };
    for (const locale of LOCALES) {
      for (const state of INSTRUCTION_STATES.filter((s) => s !== 'planned')) {
        const change: ChangeRecord = {
          seq: 1,
          at: `${TODAY}T10:00:00Z`,
          actorId: 'ciso',
          actorName: 'CISO',
          source: 'tab',
          unitId: UNIT,
          year: null,
          kind: 'instruction.updated',
          entityId: 'instruction:IIFS 05',
          controlPoint: null,
          before: instruction,
          after: { ...instruction, state, plannedQuarter: null },
        };
        const card = JSON.stringify(statusChangeCard(locale, change, ctx).content);
        expect(card).toContain(`${TERMS[locale].state.planned} (`);
        expect(card).toContain(`→ ${TERMS[locale].state[state]}`);
        expect(card).toContain('Q1 2025');
        expect(card).not.toMatch(FORMER[locale]);
      }
    }
  });

  it('the XLSX states are the catalog’s, in both languages', async () => {
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    for (const locale of LOCALES) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await buildWorkbook(data, locale)) as unknown as ArrayBuffer);
      const states = new Set(Object.values(TERMS[locale].state));
      const stateHeader = labelsFor(locale).colState;
      let seen = 0;
      workbook.eachSheet((sheet) => {
        const header = (sheet.getRow(1).values as unknown[]).map(String);
        const column = header.indexOf(stateHeader);
        sheet.eachRow((row, n) => {
          for (const cell of row.values as unknown[]) if (typeof cell === 'string') expect(cell).not.toMatch(FORMER[locale]);
          const value = column > 0 && n > 1 ? row.getCell(column).value : null;
          if (value === null || value === '') return;
          expect(states, `${sheet.name} row ${n}`).toContain(value);
          seen += 1;
        });
      });
      expect(seen).toBeGreaterThan(40);
    }
  });

  for (const locale of LOCALES) {
    it(`the deck shows no former spelling of a state (${locale})`, async () => {
      const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
      const text = await slideText((await buildDeck(data, { locale })).bytes);
      expect(text).not.toMatch(FORMER[locale]);
      expect(text).toContain(TERMS[locale].stateGroup.done);
    });
  }
});
