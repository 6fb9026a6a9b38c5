import { Worker } from 'node:worker_threads';

/**
 * sha256 of a byte stream computed on a worker thread, so hashing the whole database runs in
 * parallel with the main thread's per-part hashing and writing (each costs about as much as the
 * copy itself on a 500 MB file). Chunks are transferred, not copied: `update` takes ownership.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
parentPort.on('message', (chunk) => {
  if (chunk === null) parentPort.postMessage({ digest: hash.digest('hex') });
  else {
    hash.update(chunk);
    parentPort.postMessage({ done: 1 });
  }
});
`;

/** Chunks queued on the worker before `update` waits (bounds memory to this many chunks). */
const MAX_PENDING = 16;

export class BackgroundSha256 {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private pending = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private result: ((digest: string) => void) | null = null;

  constructor() {
    this.worker.on('message', (message: { done?: number; digest?: string }) => {
      if (message.digest !== undefined) this.result?.(message.digest);
      else this.pending -= 1;
      this.wake?.();
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
  }

  /** Hashes `chunk` next. The chunk must own its ArrayBuffer (Buffer.allocUnsafeSlow); it is detached. */
  async update(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (chunk.byteOffset !== 0 || chunk.byteLength !== chunk.buffer.byteLength)
      throw new Error('BackgroundSha256.update: the chunk must own its whole ArrayBuffer');
    this.pending += 1;
    this.worker.postMessage(chunk, [chunk.buffer as ArrayBuffer]);
    while (this.pending > MAX_PENDING && !this.failure)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    if (this.failure) throw this.failure;
  }

  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    const digest = new Promise<string>((resolve, reject) => {
      this.result = resolve;
      this.worker.once('error', reject);
    });
    this.worker.postMessage(null);
    try {
      return await digest;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
