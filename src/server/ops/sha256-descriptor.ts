import { Worker } from 'node:worker_threads';

/**
 * sha256 of the first `size` bytes of an open file, computed on a worker thread that reads the file
 * itself (threads share the descriptor table), so hashing the whole database runs beside the main
 * thread's per-part hashing and writing instead of after it, with no copying between threads.
 * The worker never opens or closes the file: closing any descriptor of the live database would drop
 * SQLite's POSIX locks on it. `rollbackHeader` hashes bytes 18–19 as 1, as the copy stores them.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const hash = require('node:crypto').createHash('sha256');
const { fd, size, rollbackHeader } = workerData;
const buffer = Buffer.allocUnsafe(1024 * 1024);
for (let position = 0; position < size; ) {
  const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
  if (n === 0) throw new Error('short read');
  if (position === 0 && rollbackHeader && n > 19) buffer[18] = buffer[19] = 1;
  hash.update(buffer.subarray(0, n));
  position += n;
}
parentPort.postMessage(hash.digest('hex'));
`;

export interface DescriptorHash {
  digest: Promise<string>;
  /** Stops the worker (before the descriptor is closed); harmless once the digest is in. */
  stop(): Promise<void>;
}

export function hashDescriptor(
  fd: number,
  size: number,
  options: { rollbackHeader: boolean },
): DescriptorHash {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { fd, size, rollbackHeader: options.rollbackHeader },
  });
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`sha256: поток завершился с кодом ${code}`)));
  });
  digest.catch(() => {}); // observed by the caller; never an unhandled rejection on the error path
  return { digest, stop: () => worker.terminate().then(() => undefined) };
}
