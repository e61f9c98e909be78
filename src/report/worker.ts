/**
 * A report worker thread: takes { id, job } messages, builds the report (src/report/build.ts) and answers { id, bytes, slides } with the bytes transferred, or
 * { id, error } with a message only (the main thread logs it and answers 500).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { buildJob, type ReportJob } from './build.js';

export interface BuildMessage {
  id: number;
  job: ReportJob;
}

export type ResultMessage = { id: number; bytes: Uint8Array; slides?: number } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('src/report/worker.ts runs as a worker thread only');

/**
 * On Linux a thread has its own nice value: this one lowers its own (the id in /proc/thread-self
 * is the thread's), so on a busy machine the main thread, which answers HTTP, gets the CPU first.
 * Elsewhere, or when not allowed, the worker runs at normal priority.
 */
function yieldToMainThread(): void {
  try {
    const threadId = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(threadId) && threadId !== process.pid) os.setPriority(threadId, 10);
  } catch {
    // not Linux, or not permitted
  }
}
yieldToMainThread();

port.on('message', (message: BuildMessage) => {
  buildJob(message.job).then(
    ({ bytes, slides }) => {
      // Copy into an ArrayBuffer of its own (a Buffer may sit in Node's shared pool) and hand it over without a copy.
      const own = new Uint8Array(bytes);
      const answer: ResultMessage = { id: message.id, bytes: own, ...(slides === undefined ? {} : { slides }) };
      port.postMessage(answer, [own.buffer]);
    },
    (error: unknown) =>
      port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ResultMessage),
  );
});
