// Russian is the source language: every key starts here or in a feature's `i18n/ru.ts`, and each
// en.ts has the same shape. Here are the texts of the shell and those several features use;
// `app/texts.ts` merges them with the features' texts. Those the login page needs are in ruFirst.ts.
import { sharedFirstRu } from './ruFirst';

export const sharedRu = {
  ...sharedFirstRu,
  exports: {
    received: 'Получено {{size}}…',
    xlsx: 'Выгрузить в Excel (.xlsx)',
    csv: 'Выгрузить в CSV (Excel)',
  },
  roles: {
    admin: 'Администратор',
    management: 'Руководство',
    manager: 'Менеджер по продажам',
    logistician: 'Логист',
    supply: 'Снабжение',
    warehouse: 'Склад',
    quality: 'Контроль качества',
    accountant: 'Бухгалтерия',
    analyst: 'Аналитик',
    production: 'Производство',
    designer: 'Дизайнер',
  },
  // A request's status, named the same in the queues, on the request, on the deal card and in its
  // history.
  requests: {
    status: {
      open: 'Новый',
      in_progress: 'В работе',
      completed: 'Выполнен',
      cancelled: 'Отменён',
    },
  },
  dates: {
    placeholder: 'дд.мм.гггг',
    placeholderDateTime: 'дд.мм.гггг чч:мм',
    invalidDate: 'Такой даты нет: введите её как дд.мм.гггг',
    invalidDateTime: 'Не удалось прочитать дату и время: введите их как дд.мм.гггг чч:мм',
  },
  counterparties: {
    fields: {
      inn: 'ИНН',
    },
  },
};
