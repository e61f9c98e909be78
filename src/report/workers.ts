/**
 * Worker threads that build reports off the main thread, so a deck never holds up the event
 * loop (the board, /api/health, the bot). At most `size` run at once, each one report at a
 * time; more requests wait here in order (src/report/limits.ts bounds how many may wait).
 * Workers start on demand, end after `idleMs` without work, and never keep the process alive.
 *
 * The worker entry is worker.js next to this file once compiled (npm run build:server), and
 * worker.ts under tsx or vitest (see startWorker).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Built, BuildOptions, ReportJob } from './build.js';
import type { ReportData } from './report-data.js';
import type { BuildMessage, ResultMessage } from './worker.js';

export interface ReportWorkersOptions {
  /** Reports built at once; one CPU is left to the main thread. */
  size?: number;
  /** A worker without work for this long ends (its memory is returned). */
  idleMs?: number;
}

interface Job {
  message: BuildMessage;
  resolve(built: Built): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
}

/** tsx's ESM API module (the "import" entry of tsx/esm/api in its package.json exports). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exported['./esm/api']!.import.default)).href;
}

/**
 * A new worker thread. Compiled: worker.js beside this file. Under tsx or vitest: worker.ts,
 * imported through tsx's API (Node 20 does not apply an --import loader to a worker's entry).
 */
function startWorker(): Worker {
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  if (compiled) return new Worker(new URL('./worker.js', import.meta.url));
  const api = tsxEsmApi();
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(boot, { eval: true });
}

export const defaultWorkerCount = () => Math.max(1, Math.min(4, os.availableParallelism() - 1));

export class ReportWorkers {
  readonly size: number;
  private readonly idleMs: number;
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ReportWorkersOptions = {}) {
    this.size = options.size ?? defaultWorkerCount();
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Builds a unit's report in a worker; the data is copied to it, the bytes come back without a copy. */
  build(data: ReportData, options: BuildOptions): Promise<Built> {
    return this.run({ kind: 'unit', data, options });
  }

  /** Builds any report job (a unit's or the city's) in a worker. */
  run(job: ReportJob): Promise<Built> {
    if (this.closed) return Promise.reject(new Error('report workers are closed'));
    return new Promise<Built>((resolve, reject) => {
      this.waiting.push({ message: { id: this.nextId++, job }, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers currently started (busy or idle). */
  get started(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('report workers are closed'));
    await Promise.all([...this.slots].map((slot) => this.end(slot)));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = [...this.slots].find((s) => s.job === null) ?? (this.slots.size < this.size ? this.start() : null);
      if (!slot) return;
      this.assign(slot, this.waiting.shift()!);
    }
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.worker.postMessage(job.message);
  }

  private start(): Slot {
    const slot: Slot = { worker: startWorker(), job: null, idleTimer: null };
    slot.worker.unref();
    slot.worker.on('message', (answer: ResultMessage) => this.finish(slot, answer));
    slot.worker.on('error', (error) => this.fail(slot, error));
    slot.worker.on('exit', () => this.fail(slot, new Error('the report worker stopped')));
    this.slots.add(slot);
    return slot;
  }

  private finish(slot: Slot, answer: ResultMessage): void {
    const job = slot.job;
    if (!job || job.message.id !== answer.id) return;
    slot.job = null;
    if ('error' in answer) job.reject(new Error(answer.error));
    else job.resolve({ bytes: answer.bytes, ...(answer.slides === undefined ? {} : { slides: answer.slides }) });
    slot.idleTimer = setTimeout(() => void this.end(slot), this.idleMs).unref();
    this.dispatch();
  }

  /** A worker that failed or stopped is dropped; its job fails, the others go on in a new one. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job?.reject(error);
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  private async end(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    await slot.worker.terminate();
  }
}
