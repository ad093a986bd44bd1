// Russian is the source language: every key starts here or in a feature's `i18n/ru.ts`, and each
// en.ts has the same shape. Here are the texts of the shell and those several features use;
// `app/texts.ts` merges them with the features' texts. Those the login page needs are in ruFirst.ts;
// the rest of a group spread over both (`common`, `app`) is here.
import { sharedFirstRu } from './ruFirst';
import { mergeTexts } from './texts';

const sharedRest = {
  common: {
    save: 'Сохранить',
    cancel: 'Отмена',
    create: 'Создать',
    edit: 'Изменить',
    delete: 'Удалить',
    showMore: 'Показать ещё',
    open: 'Открыть',
    all: 'Все',
    actions: 'Действия',
    copy: 'Скопировать',
    copied: 'Скопировано',
    confirm: 'Подтвердите действие',
    empty: '—',
    retry: 'Повторить',
  },
  app: {
    logout: 'Выйти',
    toggleNavigation: 'Показать меню',
    nav: {
      myDay: 'Мой день',
      leads: 'Лиды',
      deals: 'Сделки',
      deliveryQueue: 'Расчёт доставки',
      designQueue: 'Дизайн-макеты',
      pipelines: 'Воронки',
      clients: 'Клиенты',
      users: 'Пользователи',
      apiKeys: 'API-ключи',
      banks: 'Банки (БИК)',
      organizations: 'Организации',
    },
    notFound: {
      title: 'Ничего не найдено',
      text: 'Такой страницы нет или у вас нет к ней доступа.',
      home: 'На главную',
    },
    noSections: 'Для вашей роли пока нет доступных разделов.',
    loadFailed: 'Не удалось загрузить данные',
  },
  fieldErrors: {
    required: 'Обязательное поле',
    invalid_format: 'Неверный формат',
    invalid_length: 'Неверная длина',
    invalid_checksum: 'Неверное контрольное число',
    invalid_value: 'Недопустимое значение',
    too_long: 'Слишком длинное значение',
    unknown_bik: 'Банк с таким БИК не найден',
    account_key_mismatch: 'Номер счёта не соответствует БИК',
    taken: 'Уже занято',
    not_allowed: 'Не допускается',
    unknown: 'Неверное значение',
  },
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
  // The one client picker (shared/ui/ClientSelect).
  clientSelect: {
    placeholder: 'Название, ИНН или телефон',
    nothing: 'Клиенты не найдены',
  },
};

export const sharedRu = mergeTexts(sharedFirstRu, sharedRest);
