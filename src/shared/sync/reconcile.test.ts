import { describe, expect, it } from 'vitest';
import { isBlankAnswer, mergeObjectInfo, reconcileAnswer, type TimedAnswer } from './reconcile.js';

const answer = (over: Partial<TimedAnswer> = {}): TimedAnswer => ({
  score: 3,
  yesNo: null,
  textValue: null,
  comment: null,
  isFlagged: false,
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('reconcileAnswer (last sync wins by updatedAt)', () => {
  it('inserts when nothing is stored', () => {
    expect(reconcileAnswer(undefined, answer())).toEqual({ action: 'insert' });
  });

  it('inserts over a blank row created for a photo, even if that row is newer', () => {
    const blank = answer({ score: null, updatedAt: '2026-03-02T00:00:00.000Z' });
    expect(isBlankAnswer(blank)).toBe(true);
    expect(reconcileAnswer(blank, answer())).toEqual({ action: 'insert' });
  });

  it('does nothing for identical values (a replay), whatever the timestamps', () => {
    const stored = answer({ comment: '', updatedAt: '2026-03-05T00:00:00.000Z' });
    expect(reconcileAnswer(stored, answer({ comment: null }))).toEqual({ action: 'same' });
  });

  it('never lets a blank incoming answer (photos only) overwrite a stored one', () => {
    const stored = answer({ score: 1, updatedAt: '2026-03-01T09:00:00.000Z' });
    expect(reconcileAnswer(stored, answer({ score: null }))).toEqual({ action: 'same' });
  });

  it('overwrites an older stored answer and returns the overwritten values', () => {
    const stored = answer({ score: 1, comment: 'скол', updatedAt: '2026-03-01T09:00:00.000Z' });
    const outcome = reconcileAnswer(stored, answer({ score: 2, comment: 'скол' }));
    expect(outcome).toEqual({ action: 'overwrite', overwritten: stored });
  });

  it('keeps a newer stored answer and returns the discarded incoming values', () => {
    const stored = answer({ score: 1, updatedAt: '2026-03-01T11:00:00.000Z' });
    const incoming = answer({ score: 2 });
    expect(reconcileAnswer(stored, incoming)).toEqual({ action: 'keep', discarded: incoming });
  });

  it('keeps the stored answer on an exact tie', () => {
    const stored = answer({ score: 1 });
    expect(reconcileAnswer(stored, answer({ score: 2 })).action).toBe('keep');
  });

  it('compares instants, not strings (offsets differ)', () => {
    const stored = answer({ score: 1, updatedAt: '2026-03-01T12:30:00.000+03:00' }); // 09:30Z
    expect(reconcileAnswer(stored, answer({ score: 2 })).action).toBe('overwrite');
  });
});

describe('mergeObjectInfo', () => {
  it('replaces sent fields, keeps the others and reports what it replaced', () => {
    const { merged, overwritten } = mergeObjectInfo<string | number | null>(
      { inventory: 'A-1', capacity: 400 },
      { capacity: 630, drive: 'электрический' },
    );
    expect(merged).toEqual({ inventory: 'A-1', capacity: 630, drive: 'электрический' });
    expect(overwritten).toEqual({ capacity: { from: 400, to: 630 } });
  });
});
