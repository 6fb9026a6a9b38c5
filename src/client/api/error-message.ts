import { i18n, NAMESPACES } from '../i18n';
import { ApiError, NETWORK_ERROR_CODE } from './request';

/**
 * A user-facing message for any thrown value. Error codes are translated from `errors.<code>` in any
 * namespace (a domain adds `errors: { <domain>: { <reason>: '…' } }` to its own resource file); unknown
 * codes fall back to the server's (Russian) message.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR_CODE) return i18n.t('errors.network', { ns: 'common' });
    return i18n.t(`errors.${error.code}`, {
      ns: NAMESPACES,
      defaultValue: error.message || i18n.t('errors.unexpected', { ns: 'common' }),
    });
  }
  return i18n.t('errors.unexpected', { ns: 'common' });
}

/** Field problems of a `validation.failed` / `auth.weak_password` answer, if any. */
export function errorDetails(error: unknown): { path: string; code: string; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is { path: string; code: string; message: string } =>
      typeof d === 'object' && d !== null && 'message' in d && typeof d.message === 'string',
  );
}
