import type { AuditListItem } from '../../../shared/audits/audits.schema';

/** «Москва, ул. Ленина, 5, подъезд 2» for an audit's lift. */
export function auditAddress(a: Pick<AuditListItem, 'building' | 'elevator'>): string {
  const parts = [a.building.city, a.building.street, a.building.house];
  if (a.elevator.entrance) parts.push(`подъезд ${a.elevator.entrance}`);
  return parts.filter(Boolean).join(', ');
}

export function elevatorLabel(a: Pick<AuditListItem, 'elevator'>): string {
  const e = a.elevator;
  return [e.identifier ? `№ ${e.identifier}` : null, e.capacityKg ? `${e.capacityKg} кг` : null]
    .filter(Boolean)
    .join(', ');
}

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const date = iso.length === 10 ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return date.toLocaleDateString(locale === 'en' ? 'en-GB' : 'ru-RU');
}

export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

export function formatScore(total: number, max: number, percentage: number | null): string {
  const pct = percentage === null ? '' : ` (${percentage}%)`;
  return `${total} / ${max}${pct}`;
}
