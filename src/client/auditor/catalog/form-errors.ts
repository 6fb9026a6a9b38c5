import { errorDetails, errorMessage } from '../../api/error-message';
import { ApiError } from '../../api/request';

/** Server answer → messages per form field (validation details by path, plus codes owned by one field). */
export function fieldErrorsFrom(error: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of errorDetails(error)) {
    if (fields.includes(d.path)) out[d.path] ??= d.message;
  }
  if (error instanceof ApiError) {
    if (error.code === 'catalog.building_exists' && fields.includes('house')) out.house = errorMessage(error);
    if (error.code === 'catalog.elevator_unidentifiable' && fields.includes('entrance'))
      out.entrance = errorMessage(error);
    if (error.code === 'catalog.elevator_exists' && fields.includes('entrance'))
      out.entrance = errorMessage(error);
  }
  return out;
}

/** Integer from a text field; `null` when empty, NaN when not a whole number. */
export function parseWhole(value: string): number | null {
  const v = value.replace(/\s+/g, '');
  if (!v) return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}
