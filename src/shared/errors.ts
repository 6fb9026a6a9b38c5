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
  'request.invalid_url': 'Некорректный адрес запроса.',
  'request.conflict': 'Данные только что изменились или уже существуют: обновите страницу и повторите.',
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
  'audit.not_found': 'Аудит не найден.',
  'audit.uuid_taken': 'Аудит с таким идентификатором уже существует.',
  'audit.elevator_not_found': 'Лифт не найден.',
  'audit.no_checklist': 'Нет опубликованной версии чек-листа: обратитесь к администратору.',
  'audit.question_not_found': 'В версии чек-листа этого аудита нет такого вопроса.',
  'audit.invalid_answer': 'Некорректный ответ.',
  'audit.invalid_object_info': 'Некорректные сведения об объекте.',
  'audit.incomplete': 'Аудит заполнен не полностью.',
  'audit.locked': 'Аудит уже отправлен: изменить его нельзя.',
  'audit.answers_read_only': 'Администратор не может изменять ответы аудитора.',
  'audit.not_submitted': 'Аудит ещё не отправлен.',
  'audit.already_reviewed': 'Аудит уже отмечен как просмотренный.',
  'media.not_found': 'Фотография не найдена.',
  'media.too_large': 'Фотография больше 8 МБ.',
  'media.not_image': 'Файл не является изображением JPEG, PNG или WebP.',
  'media.incomplete': 'Файл фотографии оборван или повреждён: отправьте его ещё раз или переснимите.',
  'media.not_decodable':
    'Фотографию не удалось прочитать: миниатюры и просмотра нет, оригинал можно скачать.',
  'media.too_many_pixels': 'Изображение слишком большого разрешения.',
  'media.limit_reached': 'Достигнут предел количества фотографий.',
  'media.uuid_taken': 'Фотография с таким идентификатором уже существует.',
  'catalog.building_not_found': 'Здание не найдено.',
  'catalog.elevator_not_found': 'Лифт не найден.',
  'catalog.building_exists': 'Здание с таким адресом уже есть в каталоге.',
  'catalog.elevator_exists': 'Такой лифт уже есть в этом здании.',
  'catalog.elevator_unidentifiable': 'Укажите подъезд или регистрационный/заводской номер лифта.',
  'catalog.building_rejected': 'Здание отклонено администратором: в него нельзя добавить лифт.',
  'catalog.not_pending': 'Запись уже рассмотрена администратором.',
  'catalog.record_merged': 'Запись объединена с другой и больше не изменяется.',
  'catalog.record_locked': 'Проверенную запись может изменить только администратор.',
  'catalog.merge_invalid': 'Эти записи нельзя объединить.',
  'catalog.import_unsupported_format': 'Поддерживаются файлы CSV и XLSX.',
  'catalog.import_unreadable': 'Не удалось прочитать файл.',
  'catalog.import_empty': 'В файле нет строк с данными.',
  'catalog.import_too_large': 'Файл слишком большой для импорта.',
  'catalog.import_missing_columns': 'В файле нет обязательных столбцов.',
  'catalog.import_has_errors': 'В файле есть ошибки: исправьте их и загрузите файл снова.',
  'checklist.not_found': 'Элемент чек-листа не найден.',
  'checklist.code_taken': 'Такой код уже используется.',
  'checklist.invalid': 'Проверьте данные вопроса.',
  'checklist.publish_invalid': 'Черновик нельзя опубликовать: исправьте отмеченные ошибки.',
  'checklist.no_changes': 'Черновик не отличается от последней опубликованной версии.',
  'checklist.version_not_found': 'Версия чек-листа не найдена.',
  'checklist.no_published_version': 'Чек-лист ещё не опубликован.',
  'checklist.draft_not_empty': 'Черновик не пуст: подтвердите его замену.',
  'checklist.not_empty': 'Чек-лист уже заполнен: стартовый чек-лист ставится только в пустую базу.',
  'checklist.reorder_mismatch': 'Порядок не совпадает с текущим составом: обновите страницу.',
  'checklist.import_invalid': 'Файл не является экспортом чек-листа «Союзлифт Аудит».',
  'checklist.spreadsheet_unreadable': 'Не удалось прочитать таблицу: ожидается файл CSV или XLSX.',
  'checklist.spreadsheet_empty': 'В таблице не найдено ни одного вопроса.',
  'checklist.block_name_required': 'Укажите названия всех блоков без названия.',
  'spreadsheet.busy': 'Другой импорт таблицы ещё обрабатывается: повторите через минуту.',
  'spreadsheet.unpacked_too_large': 'Таблица XLSX слишком велика в распакованном виде.',
  'spreadsheet.too_many_parts': 'В архиве XLSX слишком много файлов: это не обычная таблица Excel.',
  'spreadsheet.too_many_rows': 'В таблице слишком много строк.',
  'spreadsheet.too_many_columns': 'В таблице слишком много столбцов.',
  'spreadsheet.too_many_cells': 'В таблице слишком много ячеек.',
  'spreadsheet.encrypted': 'Файл XLSX зашифрован: снимите защиту паролем в Excel и сохраните файл заново.',
  'sync.batch_conflict': 'Пакет с этим идентификатором уже получен с другим содержимым.',
  'sync.audit_locked': 'Аудит уже отправлен и заблокирован: изменения с устройства не приняты.',
  'sync.hash_mismatch': 'Контрольная сумма фотографии не совпадает: файл повреждён при передаче.',
  'sync.hash_required': 'Не указана контрольная сумма фотографии (заголовок X-Content-SHA256).',
  'sync.attachment_unknown': 'Сервер не ждёт эту фотографию: сначала отправьте данные аудита.',
  'sync.uuid_taken': 'Идентификатор уже занят другой записью.',
  'sync.building_not_found': 'Здание не найдено в каталоге.',
  'sync.elevator_not_found': 'Лифт аудита не найден в каталоге.',
  'sync.checklist_version_not_found': 'Версия чек-листа аудита не найдена.',
  'sync.checklist_version_mismatch': 'Аудит начат на другой версии чек-листа.',
  'sync.duplicate_question': 'Ответ на вопрос передан дважды.',
  'sync.attachment_changed': 'Фотография уже загружена с другим содержимым.',
  'server.internal': 'Внутренняя ошибка сервера. Повторите попытку позже.',
  'server.disk_full': 'На сервере закончилось место. Обратитесь к администратору.',
  'server.maintenance': 'Идут плановые работы. Повторите попытку позже.',
  'announcement.not_found': 'Объявление не найдено.',
  'announcement.invalid_period': 'Окончание показа должно быть позже начала.',
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
