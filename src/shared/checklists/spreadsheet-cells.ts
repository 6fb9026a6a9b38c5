import { CRITERION_GROUPS, type CriterionGroup } from './snapshot.schema.js';

/** Readers of single cells of the checklist spreadsheet: text, «Уровень», «Результат», «Критерии», totals. */

/** Collapses runs of whitespace and trims. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Lower case, «ё» as «е», whitespace squashed: for comparing titles and names. */
export const norm = (s: string) => squash(s.toLocaleLowerCase('ru').replaceAll('ё', 'е'));

const groupKey = (s: string) =>
  norm(s)
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(' ')
    .filter((w) => w && w !== 'и')
    .join(' ');
const GROUP_KEYS = new Map<string, CriterionGroup>(CRITERION_GROUPS.map((g) => [groupKey(g), g]));

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Maps a «Уровень» cell to a criterion group, tolerating punctuation, case and small typos. */
export function matchCriterionGroup(cell: string): { group: CriterionGroup; exact: boolean } | null {
  const key = groupKey(cell);
  if (!key) return null;
  const exact = GROUP_KEYS.get(key);
  if (exact) return { group: exact, exact: true };
  let best: { group: CriterionGroup; distance: number } | null = null;
  for (const [k, group] of GROUP_KEYS) {
    const distance = levenshtein(key, k);
    if (distance <= Math.max(2, Math.floor(k.length * 0.2)) && (!best || distance < best.distance))
      best = { group, distance };
  }
  return best ? { group: best.group, exact: false } : null;
}

/** `0-2`, `0 – 30`, `0-30 баллов`; a lone `2` means `0-2`. */
export function parseScoreRange(cell: string): { min: number; max: number; lone: boolean } | null {
  const s = squash(cell).replace(/[–—−]/g, '-');
  const range = /^(\d{1,4})\s*-\s*(\d{1,4})\s*(?:балл\p{L}*)?\.?$/u.exec(s);
  if (range) return { min: Number(range[1]), max: Number(range[2]), lone: false };
  const lone = /^(\d{1,4})\s*(?:балл\p{L}*)?$/u.exec(s);
  if (lone) return { min: 0, max: Number(lone[1]), lone: true };
  return null;
}

const OPTION_START = /(^|\s)(\d{1,4})\s*(?:балл(?:а|ов)?\s*)?[-–—:]\s*(?=\S)/gu;

/**
 * Splits a «Критерии» cell into options. Options start with `N -` after the start of the cell, a line
 * break or a run of spaces; only when the author used single spaces everywhere are single-space
 * starts accepted. Scores must grow, so a number inside a description (`зазор 5 - 10 мм`) stays text.
 */
export function parseCriteria(
  cell: string,
  maxScore: number | null,
): { options: Array<{ score: number; description: string }>; preamble: string; skipped: string[] } {
  const text = cell.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const candidates = [...text.matchAll(OPTION_START)].map((m) => {
    const lead = m[1] ?? '';
    const start = (m.index ?? 0) + lead.length;
    const before = text.slice(0, start);
    const strong = start === 0 || /(\n|\s{2,}|\t)[ \t]*$/.test(before) || /^\s*$/.test(before);
    return { start, contentStart: (m.index ?? 0) + m[0].length, score: Number(m[2]), strong };
  });
  const strongOnly = candidates.filter((c) => c.strong).length >= 2;
  const accepted: typeof candidates = [];
  const skipped: string[] = [];
  for (const c of candidates) {
    if (strongOnly && !c.strong) continue;
    const last = accepted[accepted.length - 1];
    const growing = !last || c.score > last.score;
    const inRange = strongOnly || maxScore === null || c.score <= maxScore;
    if (growing && inRange) accepted.push(c);
    else if (c.strong) skipped.push(squash(text.slice(c.start, c.contentStart)));
  }
  const clean = (s: string) =>
    squash(s)
      .replace(/[;,]+$/, '')
      .trim();
  const options = accepted.map((c, i) => ({
    score: c.score,
    description: clean(text.slice(c.contentStart, accepted[i + 1]?.start ?? text.length)),
  }));
  const preamble = clean(text.slice(0, accepted[0]?.start ?? text.length));
  return { options, preamble, skipped };
}

/** The number a «Максимальный балл» cell starts with (`30`, `12,5 баллов`), or null. */
export function parseTotal(cell: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)/.exec(squash(cell));
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

/** `12.` or `12)` before the question text. */
export const QUESTION_NUMBER = /^\s*(\d{1,3})\s*[.)]\s*/;
/** `13 Освещение` — a number and a capitalised word, the dot forgotten. */
export const BARE_NUMBER = /^\s*(\d{1,3})\s+(?=\p{Lu})/u;
