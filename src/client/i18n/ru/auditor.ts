/** Auditor portal shell (the audits domain keeps its own strings in audits.ts). */
export const auditor = {
  home: {
    title: 'Мои аудиты',
    emptyTitle: 'Аудитов пока нет',
    emptyText: 'Здесь появятся ваши аудиты: черновики, отправленные и проверенные.',
  },
};
