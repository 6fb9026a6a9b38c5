// Russian e-mail texts. Plain text first: mail clients of the customer's staff render it reliably.

export interface MailContent {
  subject: string;
  text: string;
}

const signature = '\n\n—\nСоюзлифт Аудит. Это автоматическое письмо, отвечать на него не нужно.';

export function accountCreatedMail(p: { fullName: string; username: string; url: string }): MailContent {
  return {
    subject: 'Для вас создана учётная запись в «Союзлифт Аудит»',
    text:
      `Здравствуйте, ${p.fullName}!\n\nДля вас создана учётная запись в системе «Союзлифт Аудит».\n` +
      `Адрес: ${p.url}\nИмя пользователя: ${p.username}\n\n` +
      'Временный пароль вам сообщит администратор лично. При первом входе его нужно будет сменить.' +
      signature,
  };
}

export function passwordResetMail(p: { fullName: string; username: string; url: string }): MailContent {
  return {
    subject: 'Пароль в «Союзлифт Аудит» сброшен',
    text:
      `Здравствуйте, ${p.fullName}!\n\nАдминистратор сбросил пароль вашей учётной записи «${p.username}».\n` +
      'Все открытые сеансы завершены. Новый временный пароль вам сообщит администратор; при входе его нужно сменить.\n' +
      `Адрес: ${p.url}\n\nЕсли вы не просили сбросить пароль, сообщите в поддержку.` +
      signature,
  };
}

export function auditSubmittedMail(p: {
  address: string;
  auditorName: string;
  percent: number | null;
  criticalDefects: number;
  url: string;
}): MailContent {
  const score = p.percent === null ? '' : `Результат: ${p.percent.toFixed(1)} %.\n`;
  const critical = p.criticalDefects ? `Критических замечаний: ${p.criticalDefects}.\n` : '';
  return {
    subject: `Новый аудит на проверку: ${p.address}`,
    text: `Аудитор ${p.auditorName} отправил аудит лифта по адресу ${p.address}.\n${score}${critical}\nОткрыть: ${p.url}${signature}`,
  };
}

export function syncFailedMail(p: {
  auditorName: string;
  batchId: string;
  deviceId: string;
  reason: string;
}): MailContent {
  return {
    subject: 'Ошибка синхронизации данных аудита',
    text:
      `Не удалось принять пакет данных с устройства аудитора ${p.auditorName}.\n` +
      `Пакет: ${p.batchId}\nУстройство: ${p.deviceId}\nПричина: ${p.reason}\n\n` +
      'Данные остаются на устройстве аудитора. Исправьте указанные ошибки и нажмите «Повторить».' +
      signature,
  };
}
