import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/report/deck.js';
import { loadReportData } from '../../src/report/report-data.js';
import { readSeedFile } from '../../src/store/seed.js';
import { as, seededStore, TODAY, UNIT, type SeededStore } from './fixture.js';
import { flat, inspectPptx, overflows } from './pptx-inspect.js';

const contact = {
  name: 'Anna (Anna-Lena) Björk',
  title: 'Chief Information Security Officer (CISO)|Enhetschef Styrning och uppföljning av informationssäkerhet',
  email: 'anna.bjork@intraservice.goteborg.se',
};

describe('the annual report deck', { timeout: 60_000 }, () => {
  let seeded: SeededStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.dispose();
  });

  const deckOf = async (options: Parameters<typeof buildDeck>[1] = {}, year?: number) => {
    const data = await loadReportData(seeded.store, UNIT, year, TODAY);
    const deck = await buildDeck(data, options);
    return { data, deck, file: await inspectPptx(deck.bytes) };
  };

  it('follows the report: title, focus areas, the glance, every control point, the action plan, contact', async () => {
    const { deck, file } = await deckOf({ contact });
    expect(file.slides).toHaveLength(deck.slides.length);
    const kinds = deck.slides.filter((s) => !s.continuation).map((s) => s.kind);
    expect(kinds).toEqual([
      'title',
      'focus',
      'glance',
      'section',
      ...Array<string>(12).fill('controlPoint'),
      'section',
      'timeline',
      'plan',
      'instructions',
      'subProjects',
      'contact',
    ]);
    const firstOf = deck.slides.filter((s) => s.kind === 'controlPoint' && !s.continuation).map((s) => s.controlPoint);
    expect(firstOf).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const text = (i: number) => flat(file.slides[i]!.text);
    expect(text(0)).toContain('Dataskyddsombudets årsrapport 2023');
    expect(text(0)).toContain('Göteborgs Stad – Intraservice');
    expect(text(0)).toContain(`Sammanställd ${TODAY}`);
    expect(text(0)).toContain('Projektet pågår sedan 2023-06-01 och beräknas pågå till 2026-06-30');
    expect(text(1)).toContain('Rekommenderade fokusområden 2024');
    for (const cp of [
      'Kontrollpunkt 1: Dataskyddsorganisation',
      'Kontrollpunkt 4: Register över personuppgiftsbehandlingar',
      'Kontrollpunkt 7: Informationsplikt',
    ]) {
      expect(text(1)).toContain(cp);
    }
    expect(flat(file.slides.at(-1)!.text)).toContain('anna.bjork@intraservice.goteborg.se');
  });

  it('puts each control point’s title, level, status and every planned activity on its slides', async () => {
    const { deck, file } = await deckOf();
    const seed = readSeedFile();
    for (const cp of seed.controlPoints) {
      const slides = deck.slides.flatMap((s, i) => (s.controlPoint === cp.number ? [flat(file.slides[i]!.text)] : []));
      const all = slides.join(' ');
      expect(slides[0]).toContain(`Kontrollpunkt ${cp.number}: ${cp.title}`);
      expect(slides[0]).toContain('Status 2024-11-06');
      const status = seed.statusUpdates.find((s) => s.controlPoint === cp.number)!;
      for (const line of status.text.split('\n')) expect(all).toContain(flat(line));
      for (const a of seed.activities.filter((x) => x.controlPoint === cp.number)) expect(all).toContain(flat(a.text));
      const level = seed.assessments.find((a) => a.controlPoint === cp.number)!.level;
      // The neutral label says the position itself; the mark is the report's X, read and not yet confirmed.
      expect(slides[0]).toContain(`Dataskyddsombud: Nivå ${level} av 5 · tolkad från rapporten`);
    }
  });

  it('shows the DPO’s level and the unit’s level side by side for all twelve on the glance slide', async () => {
    await seeded.store.addStatusUpdate(
      { unitId: UNIT, year: 2023, controlPoint: 2, statusDate: '2024-12-01', text: 'Egen bedömning', unitLevel: 3 },
      as('ciso'),
    );
    const { deck, file } = await deckOf();
    const glance = file.slides[deck.slides.findIndex((s) => s.kind === 'glance')]!;
    const cells = glance.tableCells.map((c) => flat(c.text));
    expect(cells).toContain('Dataskyddsombud 2023');
    expect(cells).toContain('CISO Intraservice');
    // one title cell + five DPO cells + five unit cells per control point
    const row2 = cells.indexOf('2. Personuppgiftsincidenter');
    // X*: the DPO's mark is still the reading of the report's X (the legend says so).
    expect(cells.slice(row2 + 1, row2 + 6)).toEqual(['', '', '', 'X*', '']);
    expect(cells.slice(row2 + 6, row2 + 11)).toEqual(['', '', 'X', '', '']);
    for (let n = 1; n <= 12; n += 1) expect(cells.some((c) => c.startsWith(`${n}. `))).toBe(true);
  });

  it('no text box or table cell overflows its slide, in Swedish and in English', async () => {
    for (const locale of ['sv', 'en'] as const) {
      const { file } = await deckOf({ locale, contact });
      expect(overflows(file)).toEqual([]);
    }
  });

  it('flows a long status onto continuation slides, every word kept, nothing overflowing', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `Rad ${i + 1}: kartläggningen av personuppgiftsbehandlingar fortsätter med åtgärd nummer ${i + 1}.`,
    ).join('\n');
    const huge = 'Övergripande '.repeat(280).trim();
    await seeded.store.addStatusUpdate(
      { unitId: UNIT, year: 2023, controlPoint: 5, statusDate: '2024-12-01', text: `${long}\n${huge}`, unitLevel: null },
      as('ciso'),
    );
    const { deck, file } = await deckOf();
    const slides = deck.slides.flatMap((s, i) => (s.controlPoint === 5 ? [{ info: s, text: flat(file.slides[i]!.text) }] : []));
    expect(slides.length).toBeGreaterThanOrEqual(4);
    expect(
      slides
        .slice(1)
        .every((s) => s.info.continuation && s.text.includes('Kontrollpunkt 5: Övergripande styrning av dataskyddsarbetet (forts.)')),
    ).toBe(true);
    const all = slides.map((s) => s.text).join(' ');
    for (let i = 1; i <= 40; i += 1) expect(all).toContain(`Rad ${i}: kartläggningen`);
    expect(all.match(/Övergripande/g)!.length).toBeGreaterThanOrEqual(280);
    expect(overflows(file)).toEqual([]);
  });

  it('speaks English on request; the data texts stay as written', async () => {
    const { file } = await deckOf({ locale: 'en' });
    const all = flat(file.slides.map((s) => s.text).join(' '));
    expect(all).toContain("Data Protection Officer's annual report 2023");
    expect(all).toContain('Recommended focus areas 2024');
    expect(all).toContain('Control point 1: Dataskyddsorganisation');
    expect(all).toContain('Planned activities');
    expect(all).toContain('Ny dataskyddsorganisation fastslagen av nämnd i juni 2024.');
    expect(all).not.toContain('Planerade aktiviteter');
  });

  it('closes with a question slide when neither the store nor the configuration has a contact', async () => {
    const data = { ...(await loadReportData(seeded.store, UNIT, undefined, TODAY)), contact: null };
    const deck = await buildDeck(data, { contact: null });
    expect(deck.slides.at(-1)).toMatchObject({ kind: 'contact', title: 'Frågor?' });
    const named = await buildDeck(data, { contact: { name: 'Namn', title: '', email: '' } });
    expect(named.slides.at(-1)).toMatchObject({ kind: 'contact', title: 'Kontakt' });
  });

  it('a year compares with the year before: the level then and now', async () => {
    await seeded.store.startYear({ unitId: UNIT }, as('dpo'));
    await seeded.store.addAssessment({ unitId: UNIT, year: 2024, controlPoint: 6, level: 3, comment: '' }, as('dpo'));
    const { deck, file } = await deckOf();
    const all = flat(file.slides.map((s) => s.text).join(' '));
    expect(all).toContain('Dataskyddsombudets årsrapport 2024');
    expect(all).toContain('Dataskyddsombudets nivåer jämförs med rapporten för 2023.');
    const glance = file.slides[deck.slides.findIndex((s) => s.kind === 'glance')]!;
    const cells = glance.tableCells.map((c) => flat(c.text));
    expect(cells).toContain('Förändring 2023→2024');
    expect(cells).toContain('1 → 3 ↑ höjd');
    const cp6 = flat(file.slides[deck.slides.findIndex((s) => s.controlPoint === 6)]!.text);
    expect(cp6).toContain('Dataskyddsombud 2023');
    expect(cp6).toContain('Nivå 2023: Nivå 1 av 5 → nu: Nivå 3 av 5');
    expect(cp6).toContain('Förvaltningen har inte lämnat någon status för 2024 ännu.');
    expect(cp6).toContain('Senaste status före året (2024-11-06)');
    const cp1 = flat(file.slides[deck.slides.findIndex((s) => s.controlPoint === 1)]!.text);
    expect(cp1).toContain('Nivå 2023: Nivå 5 av 5 → nu: Ej bedömd');
    expect(overflows(file)).toEqual([]);

    const last = await deckOf({}, 2023);
    expect(flat(last.file.slides.map((s) => s.text).join(' '))).not.toContain('jämförs med');
  });
});

describe('the overflow check itself', () => {
  it('flags a box whose text needs more room than it has, and one that reaches past the slide', async () => {
    const { PptxGenJS } = await import('../../src/report/pptx.js');
    const pptx = new PptxGenJS();
    pptx.layout = 'LAYOUT_WIDE';
    const slide = pptx.addSlide();
    slide.addText('ord '.repeat(400), { x: 1, y: 1, w: 3, h: 1, fontSize: 14 });
    slide.addText('kort', { x: 12, y: 7, w: 2, h: 1, fontSize: 14 });
    slide.addText('ryms', { x: 1, y: 3, w: 3, h: 1, fontSize: 14 });
    const file = await inspectPptx((await pptx.stream()) as Buffer);
    const problems = overflows(file);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/needs \d+\.\dpt, has/);
    expect(problems[1]).toMatch(/reaches past the slide/);
  });
});
