/*
 * Merging answers that arrive from devices with what the server already holds (DESIGN §5, "last
 * sync wins"). Pure, so the server applies it inside its batch transaction and the client can show
 * the same outcome. The rules:
 *
 * - No stored answer, or a stored one that carries nothing (a row created only to hang a photo on)
 *   → the incoming answer is inserted.
 * - Identical values → nothing to do (a replay, or two devices agreeing).
 * - A blank incoming answer (a device sending only photos for a question it has not answered)
 *   never overwrites a stored one: it carries no values, so nothing is lost or recorded.
 * - The incoming answer is newer (`updatedAt` strictly later) → it overwrites; the stored values
 *   are returned as `overwritten` so the caller writes them to `events` and nothing is lost silently.
 * - The stored answer is as new or newer → it stays; the incoming values are returned as
 *   `discarded` for the same reason. On an exact tie the server's copy wins, so the outcome does not
 *   depend on which of two devices syncs first twice in a row.
 *
 * Timestamps are compared as instants (devices may send any offset), not as strings.
 */

export interface AnswerValues {
  score: number | null;
  yesNo: boolean | null;
  textValue: string | null;
  comment: string | null;
  isFlagged: boolean;
}

export interface TimedAnswer extends AnswerValues {
  updatedAt: string;
}

export type ReconcileOutcome =
  | { action: 'insert' }
  | { action: 'same' }
  | { action: 'overwrite'; overwritten: TimedAnswer }
  | { action: 'keep'; discarded: TimedAnswer };

const blankText = (v: string | null) => v === null || v.trim() === '';

/** An answer with no value, no comment and no flag (e.g. created for a photo before any answer). */
export function isBlankAnswer(a: AnswerValues): boolean {
  return (
    a.score === null && a.yesNo === null && blankText(a.textValue) && blankText(a.comment) && !a.isFlagged
  );
}

/** Whether two answers carry the same values (empty text equals null). */
export function sameAnswer(a: AnswerValues, b: AnswerValues): boolean {
  const text = (v: string | null) => (blankText(v) ? null : v);
  return (
    a.score === b.score &&
    a.yesNo === b.yesNo &&
    text(a.textValue) === text(b.textValue) &&
    text(a.comment) === text(b.comment) &&
    a.isFlagged === b.isFlagged
  );
}

/** Decides what happens to one incoming answer given the stored one (see the header). */
export function reconcileAnswer(
  stored: TimedAnswer | null | undefined,
  incoming: TimedAnswer,
): ReconcileOutcome {
  if (!stored || isBlankAnswer(stored)) return { action: 'insert' };
  if (sameAnswer(stored, incoming) || isBlankAnswer(incoming)) return { action: 'same' };
  if (Date.parse(incoming.updatedAt) > Date.parse(stored.updatedAt)) {
    return { action: 'overwrite', overwritten: stored };
  }
  return { action: 'keep', discarded: incoming };
}

/**
 * Object info merges per field: every field the device sends replaces the stored value; fields it
 * does not send stay. Returns the merged object and the fields whose stored value was replaced.
 */
export function mergeObjectInfo<V>(
  stored: Readonly<Record<string, V>>,
  incoming: Readonly<Record<string, V>>,
): { merged: Record<string, V>; overwritten: Record<string, { from: V; to: V }> } {
  const merged: Record<string, V> = { ...stored };
  const overwritten: Record<string, { from: V; to: V }> = {};
  for (const [key, value] of Object.entries(incoming)) {
    const before = stored[key];
    if (before !== undefined && before !== null && before !== value)
      overwritten[key] = { from: before, to: value };
    merged[key] = value;
  }
  return { merged, overwritten };
}
