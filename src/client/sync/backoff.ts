const BACKOFF_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/** The wait before the next run after `failures` failed runs in a row: 5 s, 15 s, 30 s, 1, 2, then 5 min. */
export function backoffDelay(failures: number): number {
  return BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 300_000;
}
