// The shell's texts the login page and the first-load outline use: the app's name, the language
// switch, the outline's navigation and «Загрузка…», the problems a sign-in may meet. The rest of
// the shell's texts (`sharedRest` in ./ru.ts) come with the signed-in app.
export const sharedFirstRu = {
  common: {
    close: 'Закрыть',
    loading: 'Загрузка…',
  },
  app: {
    name: 'Tessera',
    language: 'Язык',
    navigation: 'Разделы',
  },
  problems: {
    validation_failed: 'Проверьте заполнение полей',
    bad_request: 'Некорректный запрос',
    unauthorized: 'Требуется вход в систему',
    invalid_credentials: 'Неверный e-mail или пароль',
    invalid_refresh_token: 'Сессия истекла, войдите снова',
    forbidden: 'Недостаточно прав для этого действия',
    not_found: 'Не найдено',
    version_conflict: 'Карточку изменил другой пользователь',
    conflict: 'Конфликт данных: запись уже существует или изменилась',
    too_many_attempts: 'Слишком много попыток, повторите позже',
    internal: 'Внутренняя ошибка сервера',
    network_error: 'Нет связи с сервером',
    unknown: 'Ошибка запроса',
  },
  auth: {
    tooManyAttempts: 'Слишком много попыток входа. Повторите через {{seconds}} с.',
  },
};
