/**
 * The ingest benchmark's sensors (bench/ingest.ts): a worker thread that serialises every batch
 * first, posts `{ ready: true }`, and on `'go'` POSTs them, `inFlight` batches at a time. The
 * sensors' own work (making and serialising reports) is then neither timed nor on the server's
 * event loop, as when sensors send from elsewhere; COPY's rows are made before its clock starts
 * too. Posts `{ sent, rejected }` after each answered batch, then `{ done: true }`, or `{ error }`.
 * A 1M-row run holds about 600 MB of request bodies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { observationBatches } from './ingest-data.ts';

export interface IngestClientJob {
  readonly address: string;
  readonly token: string;
  readonly rows: number;
  readonly batch: number;
  readonly inFlight: number;
  readonly dense: boolean;
}

export type IngestClientMessage =
  | { readonly ready: true }
  | { readonly sent: number; readonly rejected: number }
  | { readonly done: true }
  | { readonly error: string };

const job = workerData as IngestClientJob;
const port = parentPort!;
const bodies = [...observationBatches(job.rows, job.batch, job.dense)].map((batch) => ({
  rows: batch.length,
  body: Buffer.from(JSON.stringify({ observations: batch })),
}));
let next = 0;
let sent = 0;
let rejected = 0;

async function client(): Promise<void> {
  while (next < bodies.length) {
    const { rows, body } = bodies[next++]!;
    const res = await fetch(`${job.address}/api/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    rejected += ((await res.json()) as { rejected: number }).rejected;
    sent += rows;
    port.postMessage({ sent, rejected } satisfies IngestClientMessage);
  }
}

port.postMessage({ ready: true } satisfies IngestClientMessage);
await new Promise((resolve) => port.once('message', resolve));
try {
  await Promise.all(Array.from({ length: job.inFlight }, client));
  port.postMessage({ done: true } satisfies IngestClientMessage);
} catch (error) {
  port.postMessage({ error: (error as Error).message } satisfies IngestClientMessage);
}
