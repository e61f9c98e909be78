/**
 * npm run bench:report: time and peak memory to build the annual report deck (PPTX) for one
 * unit, and for 40 units seeded into a temp SQLite file with distinct ids. Prints figures;
 * the target is under 2 s for one unit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCALE } from '../src/domain/scale.js';
import { buildDeck } from '../src/report/deck.js';
import { loadReportData } from '../src/report/report-data.js';
import { seedContext } from '../src/store/open.js';
import type { SeedPlan } from '../src/store/port.js';
import { readSeedFile } from '../src/store/seed.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const UNITS = 40;
const TODAY = new Date().toISOString().slice(0, 10);
const contact = { name: 'Kontakt', title: 'CISO', email: 'kontakt@example.invalid' };

/** The seed plan for another unit: its own id, name and seed keys. */
function planFor(base: SeedPlan, i: number): SeedPlan {
  const id = `unit-${String(i).padStart(2, '0')}`;
  const key = <T extends { seedKey: string }>(items: T[]) => items.map((x) => ({ ...x, seedKey: `${id}:${x.seedKey}` }));
  return {
    ...base,
    unit: { id, name: `Förvaltning ${i}`, organisation: base.unit.organisation },
    assessments: key(base.assessments).map((a) => ({ ...a, level: ((a.level + i) % 5) + 1 })),
    statusUpdates: key(base.statusUpdates),
    activities: key(base.activities),
    trainings: key(base.trainings),
    subProjects: key(base.subProjects),
  };
}

/** Samples RSS while `work` runs; returns its duration and the peak RSS. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: peak / 2 ** 20, result };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-report-'));
  const store = openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: DEFAULT_SCALE });
  try {
    const base = readSeedFile();
    await store.importSeed(base, seedContext());
    for (let i = 1; i < UNITS; i += 1) await store.importSeed(planFor(base, i), seedContext());
    const units = await store.listUnits();
    const deckFor = async (unitId: string) => (await buildDeck(await loadReportData(store, unitId, undefined, TODAY), { contact })).bytes.length;

    const baselineMb = process.memoryUsage().rss / 2 ** 20;
    await deckFor(base.unit.id); // warm-up: module loading and JIT, not part of the figure
    const runs = [];
    for (let i = 0; i < 5; i += 1) runs.push(await measure(() => deckFor(base.unit.id)));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const one = {
      medianMs: times[2]!,
      maxMs: times[4]!,
      peakRssMb: Math.max(...runs.map((r) => r.peakMb)),
      bytes: runs[0]!.result,
    };

    const all = await measure(async () => {
      let bytes = 0;
      for (const unit of units) bytes += await deckFor(unit.id);
      return bytes;
    });

    console.log(`report deck bench (${os.cpus().length} CPUs, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)})`);
    console.log(`process RSS before the first deck: ${baselineMb.toFixed(0)} MB (Node, tsx, SQLite with ${units.length} units)`);
    console.log(`one unit:  median ${one.medianMs.toFixed(0)} ms, max ${one.maxMs.toFixed(0)} ms of 5, peak RSS ${one.peakRssMb.toFixed(0)} MB, ${(one.bytes / 1024).toFixed(0)} KB  (target < 2000 ms: ${one.medianMs < 2000 ? 'met' : 'NOT met'})`);
    console.log(`${units.length} units: ${all.ms.toFixed(0)} ms total, ${(all.ms / units.length).toFixed(0)} ms per unit, peak RSS ${all.peakMb.toFixed(0)} MB, ${(all.result / 2 ** 20).toFixed(1)} MB of decks`);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
