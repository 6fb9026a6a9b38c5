/*
 * The one-at-a-time queue of photo decodes (thumbnails and previews). A decode keeps a core busy for
 * ≈ 100 ms per 8 MB JPEG; on a 2-core server, decoding while a photo was being received slowed the
 * upload by ≈ 20 %. So work someone is waiting for (a view) runs first and at once, and work nobody
 * waits for (the thumbnail of a photo just stored) runs once no upload has been in progress for
 * `quietMs` — or after `maxWaitMs` at the latest, so a server receiving photos all day still makes
 * them. Jobs are keyed: asking again for a queued or running key joins it (and a view promotes it).
 */

export type Urgency = 'now' | 'background';

export interface DecodeQueueOptions<T> {
  /** A background job starts only after this long without an upload in progress. */
  quietMs: number;
  /** …or once it has waited this long, uploads or not. */
  maxWaitMs: number;
  /** What jobs that never started resolve to when the queue is closed. */
  whenClosed: T;
  now?: () => number;
}

interface Job<T> {
  key: string;
  work: () => Promise<T>;
  queuedAt: number;
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function createDecodeQueue<T>(options: DecodeQueueOptions<T>) {
  const now = options.now ?? (() => performance.now());
  const urgent: Job<T>[] = [];
  const waiting: Job<T>[] = [];
  const jobs = new Map<string, Job<T>>();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let uploads = 0;
  let quietSince = now();
  let isClosed = false;

  function wakeIn(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        pump();
      },
      Math.max(0, Math.ceil(ms)),
    );
    timer.unref();
  }

  /** The next job allowed to run now; otherwise null (a timer or the end of an upload wakes us). */
  function pick(): Job<T> | null {
    const first = urgent.shift();
    if (first) return first;
    const oldest = waiting[0];
    if (!oldest) return null;
    const t = now();
    const overdueIn = oldest.queuedAt + options.maxWaitMs - t;
    const quietIn = uploads > 0 ? Number.POSITIVE_INFINITY : quietSince + options.quietMs - t;
    if (overdueIn <= 0 || quietIn <= 0) return waiting.shift() ?? null;
    wakeIn(Math.min(overdueIn, quietIn));
    return null;
  }

  function pump(): void {
    if (running || isClosed) return;
    const first = pick();
    if (!first) return;
    running = (async () => {
      for (let job: Job<T> | null = first; job && !isClosed; job = pick()) {
        try {
          job.resolve(await job.work());
        } catch (error) {
          job.reject(error);
        } finally {
          jobs.delete(job.key);
        }
      }
    })();
    void running.then(() => {
      running = null;
      // Jobs queued while the loop was finishing found it busy: look at them now.
      if (urgent.length > 0 || waiting.length > 0) pump();
    });
  }

  return {
    /** Runs `work` for `key` in turn (or joins the job already queued or running for it). */
    run(key: string, urgency: Urgency, work: () => Promise<T>): Promise<T> {
      const existing = jobs.get(key);
      if (existing) {
        const at = waiting.indexOf(existing);
        if (urgency === 'now' && at >= 0) {
          waiting.splice(at, 1);
          urgent.push(existing);
          pump();
        }
        return existing.promise;
      }
      if (isClosed) return Promise.resolve(options.whenClosed);
      let resolve: (value: T) => void = () => undefined;
      let reject: (error: unknown) => void = () => undefined;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const job: Job<T> = { key, work, queuedAt: now(), promise, resolve, reject };
      jobs.set(key, job);
      (urgency === 'now' ? urgent : waiting).push(job);
      pump();
      return promise;
    },

    uploadStarted(): void {
      uploads += 1;
    },

    uploadEnded(): void {
      uploads -= 1;
      quietSince = now();
      if (uploads === 0 && waiting.length > 0) pump(); // arms the timer for the quiet period
    },

    /** Starts nothing more (queued jobs resolve to `whenClosed`) and waits for the running one. */
    async close(): Promise<void> {
      isClosed = true;
      if (timer) clearTimeout(timer);
      for (const job of [...urgent, ...waiting]) {
        job.resolve(options.whenClosed);
        jobs.delete(job.key);
      }
      urgent.length = 0;
      waiting.length = 0;
      await running;
    },
  };
}

export type DecodeQueue<T> = ReturnType<typeof createDecodeQueue<T>>;
