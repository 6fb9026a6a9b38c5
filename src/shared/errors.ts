/**
 * The one catalogue of API error codes (`domain.reason`). A published code never changes meaning;
 * the client branches on codes, never on message text.
 */
export const ERROR_MESSAGES = {
  'validation.failed': 'Проверьте введённые данные.',
  'request.invalid_json': 'Тело запроса не является корректным JSON.',
  'request.unsupported_media_type': 'Неподдерживаемый тип содержимого запроса.',
  'request.too_large': 'Запрос слишком большой.',
  'request.not_found': 'Адрес не найден.',
  'request.rate_limited': 'Слишком много запросов. Повторите попытку позже.',
  'auth.invalid_credentials': 'Неверное имя пользователя или пароль.',
  'auth.too_many_attempts': 'Слишком много неудачных попыток входа. Повторите через минуту.',
  'auth.unauthenticated': 'Требуется вход в систему.',
  'auth.forbidden': 'Недостаточно прав для этого действия.',
  'auth.password_change_required': 'Сначала смените временный пароль.',
  'auth.wrong_current_password': 'Текущий пароль указан неверно.',
  'auth.weak_password': 'Пароль не соответствует требованиям.',
  'csrf.invalid': 'Сессия устарела: обновите страницу и повторите действие.',
  'csrf.origin_mismatch': 'Запрос отправлен с чужого сайта и отклонён.',
  'user.not_found': 'Пользователь не найден.',
  'user.username_taken': 'Пользователь с таким именем уже существует.',
  'user.cannot_deactivate_self': 'Нельзя отключить собственную учётную запись.',
  'user.last_admin': 'Нельзя отключить или понизить последнего активного администратора.',
  'server.internal': 'Внутренняя ошибка сервера. Повторите попытку позже.',
  'server.disk_full': 'На сервере закончилось место. Обратитесь к администратору.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES | `${string}.${string}`;

export interface ApiErrorDetail {
  path: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId: string;
}

/** Russian message for a known code, or the given fallback. */
export function messageFor(code: string, fallback = 'Ошибка запроса.'): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? fallback;
}
