import { useSearchParams } from 'react-router';
import type { AuditStatus } from '../../../shared/audits/audits.schema';
import type { AuditListFilter } from '../../auditor/audits/useAudits';

const num = (v: string | null) => (v === null || v === '' || Number.isNaN(Number(v)) ? null : Number(v));

/** The admin list filter lives in the URL, so a filtered list can be bookmarked and shared. */
export function useAuditFilters() {
  const [params, setParams] = useSearchParams();
  const filter: AuditListFilter = {
    status: (params.get('status')?.split(',').filter(Boolean) ?? []) as AuditStatus[],
    search: params.get('search') ?? '',
    dateFrom: params.get('dateFrom'),
    dateTo: params.get('dateTo'),
    auditorId: num(params.get('auditorId')),
    buildingId: num(params.get('buildingId')),
    elevatorId: num(params.get('elevatorId')),
    scoreMin: num(params.get('scoreMin')),
    scoreMax: num(params.get('scoreMax')),
    review: (params.get('review') as 'new' | 'reviewed' | null) ?? null,
    sort: params.get('sort') ?? 'createdAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: num(params.get('page')) ?? 1,
    pageSize: 25,
  };
  const update = (changes: Partial<Record<keyof AuditListFilter, string | number | string[] | null>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          const text = Array.isArray(value)
            ? value.join(',')
            : value === null || value === undefined
              ? ''
              : String(value);
          if (text) next.set(key, text);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  const reset = () => setParams(new URLSearchParams(), { replace: true });
  return { filter, update, reset };
}
