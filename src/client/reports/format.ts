const localeTag = (locale: string) => (locale === 'en' ? 'en-GB' : 'ru-RU');

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const date = iso.length === 10 ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return date.toLocaleDateString(localeTag(locale));
}

export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(localeTag(locale), { dateStyle: 'short', timeStyle: 'short' });
}

export function formatNumber(value: number | null, locale: string): string {
  if (value === null) return '—';
  return value.toLocaleString(localeTag(locale), { maximumFractionDigits: 2 });
}

export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '—';
  return `${value.toLocaleString(localeTag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** «2026-03» → «март 2026» / «Mar 2026». */
export function formatMonth(month: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  return date.toLocaleDateString(localeTag(locale), { month: style, year: 'numeric', timeZone: 'UTC' });
}
