/**
 * Backup retention (runbook §2.1: at least 7 daily and 4 weekly copies), as a pure function.
 *
 * Rules, in the manner of `borg prune --keep-daily N --keep-weekly M`:
 * - daily: walking from the newest backup back, keep the newest backup of each of the last
 *   `daily` calendar days (UTC) that have backups;
 * - weekly: then keep the newest backup of each of the last `weekly` ISO weeks, not counting weeks
 *   whose newest backup is already kept by the daily rule — so "7 daily + 4 weekly" really means
 *   eleven distinct copies reaching about five weeks back, not four weeks hidden inside the dailies.
 * - recent: every backup taken less than 24 hours before the newest one is kept too, so a manual or
 *   pre-deploy backup never pushes out the night's copy of the same day.
 * Everything else may be deleted. The newest backup is always kept.
 */
export interface BackupStamp {
  name: string;
  createdAt: Date;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
}

export interface RetentionDecision {
  keep: { name: string; reason: 'daily' | 'weekly' | 'recent' }[];
  remove: string[];
}

const RECENT_MS = 24 * 60 * 60 * 1000;

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

/** ISO 8601 week of a UTC date, e.g. "2026-W48". */
export function isoWeekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function keepNewestPerPeriod(
  sorted: BackupStamp[],
  count: number,
  period: (d: Date) => string,
  alreadyKept: Set<string>,
): string[] {
  const kept: string[] = [];
  let last: string | null = null;
  for (const b of sorted) {
    if (kept.length >= count) break;
    const p = period(b.createdAt);
    if (p === last) continue;
    last = p;
    if (!alreadyKept.has(b.name)) kept.push(b.name);
  }
  return kept;
}

/** Which backups to keep and which to remove under `policy`. Input order does not matter. */
export function selectBackupsToKeep(backups: BackupStamp[], policy: RetentionPolicy): RetentionDecision {
  const sorted = [...backups].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name),
  );
  const kept = new Set<string>();
  const keep: RetentionDecision['keep'] = [];
  for (const name of keepNewestPerPeriod(sorted, Math.max(1, policy.daily), dayKey, kept)) {
    kept.add(name);
    keep.push({ name, reason: 'daily' });
  }
  for (const name of keepNewestPerPeriod(sorted, policy.weekly, isoWeekKey, kept)) {
    kept.add(name);
    keep.push({ name, reason: 'weekly' });
  }
  const newest = sorted[0]?.createdAt.getTime() ?? 0;
  for (const b of sorted) {
    if (newest - b.createdAt.getTime() >= RECENT_MS) break;
    if (kept.has(b.name)) continue;
    kept.add(b.name);
    keep.push({ name: b.name, reason: 'recent' });
  }
  return { keep, remove: sorted.filter((b) => !kept.has(b.name)).map((b) => b.name) };
}
