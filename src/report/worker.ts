/**
 * A report worker thread: takes { id, data, options } messages, builds the report
 * (src/report/build.ts) and answers { id, bytes, slides } with the bytes transferred, or
 * { id, error } with a message only (the main thread logs it and answers 500).
 */
import { parentPort } from 'node:worker_threads';
import { buildReport, type BuildOptions } from './build.js';
import type { ReportData } from './report-data.js';

export interface BuildMessage {
  id: number;
  data: ReportData;
  options: BuildOptions;
}

export type ResultMessage = { id: number; bytes: Uint8Array; slides?: number } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('src/report/worker.ts runs as a worker thread only');

port.on('message', (message: BuildMessage) => {
  buildReport(message.data, message.options).then(
    ({ bytes, slides }) => {
      // Copy into an ArrayBuffer of its own (a Buffer may sit in Node's shared pool) and hand it over without a copy.
      const own = new Uint8Array(bytes);
      const answer: ResultMessage = { id: message.id, bytes: own, ...(slides === undefined ? {} : { slides }) };
      port.postMessage(answer, [own.buffer]);
    },
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ResultMessage),
  );
});
