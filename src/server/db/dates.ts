import { type RawBuilder, sql } from 'kysely';

/**
 * The calendar month (`YYYY-MM`, UTC) of an ISO-8601 timestamp column, for GROUP BY. Timestamps are
 * ISO text, so the first seven characters are the month: `substr` works unchanged on SQLite and on
 * PostgreSQL text columns. With native `timestamptz` columns PostgreSQL would need
 * `to_char(col at time zone 'UTC', 'YYYY-MM')` here instead — this is the one place to change.
 * `column` is a snake_case reference such as `a.submitted_at`.
 */
export function monthOf(column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

/** `YYYY-MM` of a date (UTC). */
export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** The last `count` calendar months up to and including the month of `now`, oldest first (UTC). */
export function lastMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    months.push(monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  }
  return months;
}
