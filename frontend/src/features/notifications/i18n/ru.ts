// Russian texts of the notifications feature (the source language; en.ts mirrors the shape).
const notifications = {
  bell: 'Уведомления',
  unread: 'Непрочитанных: {{count}}',
  readAll: 'Прочитать все',
  empty: 'Уведомлений пока нет: здесь появятся ответы на ваши запросы, новые задачи и упоминания.',
  loadFailed: 'Не удалось загрузить уведомления',
  newOne: 'Новое уведомление',
};

/** The texts of the notifications feature, merged with the others in `app/texts.ts`. */
export const notificationsRu = { notifications };
