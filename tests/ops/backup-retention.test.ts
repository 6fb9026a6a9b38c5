import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekKey, selectBackupsToKeep } from '../../src/server/ops/backup-retention.js';

const POLICY = { daily: 7, weekly: 4 };
const day = (iso: string) => ({ name: iso, createdAt: new Date(`${iso}T02:00:00Z`) });

describe('backup retention (7 daily + 4 weekly)', () => {
  it('keeps exactly the right copies after 60 nights of backups pruned every night', () => {
    let kept: { name: string; createdAt: Date }[] = [];
    const start = Date.parse('2026-09-01T02:00:00Z'); // a Tuesday
    for (let d = 0; d < 60; d++) {
      const at = new Date(start + d * 86_400_000);
      kept.push({ name: at.toISOString().slice(0, 10), createdAt: at });
      const decision = selectBackupsToKeep(kept, POLICY);
      kept = kept.filter((b) => !decision.remove.includes(b.name));
    }
    // Last night is Friday 2026-10-30: the seven last days, then the Sundays of the four weeks before.
    expect(
      kept
        .map((b) => b.name)
        .sort()
        .reverse(),
    ).toEqual([
      '2026-10-30',
      '2026-10-29',
      '2026-10-28',
      '2026-10-27',
      '2026-10-26',
      '2026-10-25',
      '2026-10-24',
      '2026-10-18',
      '2026-10-11',
      '2026-10-04',
      '2026-09-27',
    ]);
  });

  it('gives the same answer pruning once at the end as pruning every night', () => {
    const all = Array.from({ length: 60 }, (_, d) =>
      day(new Date(Date.parse('2026-09-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10)),
    );
    const decision = selectBackupsToKeep(all, POLICY);
    expect(decision.keep.filter((k) => k.reason === 'daily')).toHaveLength(7);
    expect(decision.keep.filter((k) => k.reason === 'weekly').map((k) => k.name)).toEqual([
      '2026-10-18',
      '2026-10-11',
      '2026-10-04',
      '2026-09-27',
    ]);
    expect(decision.remove).toHaveLength(49);
  });

  it('keeps a pre-deploy copy and the same night’s copy (both younger than 24 h)', () => {
    const nightly = day('2026-11-28');
    const preDeploy = { name: 'pre-deploy', createdAt: new Date('2026-11-28T14:00:00Z') };
    const yesterday = day('2026-11-27');
    const decision = selectBackupsToKeep([yesterday, nightly, preDeploy], POLICY);
    expect(decision.remove).toEqual([]);
    // The next night the older copy of the 28th goes: one per day is enough then.
    const next = selectBackupsToKeep([yesterday, nightly, preDeploy, day('2026-11-29')], POLICY);
    expect(next.remove).toEqual(['2026-11-28']);
  });

  it('honours other settings and never removes the newest copy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 * 24 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 6 }),
        (hours, daily, weekly) => {
          const backups = [...new Set(hours)].map((h) => ({
            name: `b${h}`,
            createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + h * 3_600_000),
          }));
          const d = selectBackupsToKeep(backups, { daily, weekly });
          const newest = backups.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
          expect(d.keep.map((k) => k.name)).toContain(newest.name);
          expect(d.keep.length + d.remove.length).toBe(backups.length);
          const byDay = d.keep.filter((k) => k.reason === 'daily');
          const byWeek = d.keep.filter((k) => k.reason === 'weekly');
          expect(byDay.length).toBeLessThanOrEqual(daily);
          expect(byWeek.length).toBeLessThanOrEqual(weekly);
          // Applying the policy again to what was kept removes nothing: pruning is stable.
          const kept = backups.filter((b) => !d.remove.includes(b.name));
          expect(selectBackupsToKeep(kept, { daily, weekly }).remove).toEqual([]);
        },
      ),
    );
  });

  it('numbers ISO weeks across a year boundary', () => {
    expect(isoWeekKey(new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-03T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-04T12:00:00Z'))).toBe('2027-W01');
  });
});
