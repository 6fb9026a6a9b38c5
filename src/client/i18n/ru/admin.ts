/** Admin area shell and dashboard (domains keep their own strings in their files). */
export const admin = {
  home: {
    title: 'Панель администратора',
    intro: 'Управление пользователями, каталогом, чек-листом и аудитами.',
    usersCard: 'Пользователи',
    usersCardText: 'Учётные записи аудиторов и администраторов',
  },
};
