// Russian texts of the identity feature: sign-in, users, API keys, organizations (the source
// language; en.ts mirrors the shape). `auth.tooManyAttempts` is in shared: every problem message may use it.
import { authRu } from './authRu';
import { requisitesRu } from './requisitesRu';

export const identityRu = {
  auth: authRu,
  ...requisitesRu,
  app: {
    nav: {
      requisites: 'Реквизиты организации',
    },
  },
  orgKinds: {
    head: 'Головная компания',
    production: 'Производство',
  },
  users: {
    title: 'Пользователи',
    new: 'Новый пользователь',
    newTitle: 'Новый пользователь',
    search: 'Поиск пользователей',
    fields: {
      full_name: 'ФИО',
      email: 'E-mail',
      role: 'Роль',
      organization: 'Организация',
      password: 'Пароль',
      status: 'Статус',
    },
    active: 'Активен',
    inactive: 'Отключён',
    activate: 'Активировать',
    deactivate: 'Отключить',
    roleOf: 'Роль пользователя {{name}}',
    created: 'Пользователь создан',
    updated: 'Пользователь изменён',
    empty: 'Пользователи не найдены',
  },
  apiKeys: {
    title: 'API-ключи',
    new: 'Новый ключ',
    newTitle: 'Новый API-ключ',
    fields: {
      name: 'Название',
      prefix: 'Префикс',
      role: 'Роль',
      organization: 'Организация',
      created_at: 'Создан',
      last_used_at: 'Последнее использование',
      status: 'Статус',
    },
    active: 'Действует',
    revoked: 'Отозван {{date}}',
    revoke: 'Отозвать',
    revokeLabel: 'Отозвать ключ {{name}}',
    confirmRevoke: 'Отозвать ключ «{{name}}»? Интеграции, которые им пользуются, перестанут работать.',
    revokedToast: 'Ключ отозван',
    secretTitle: 'Ключ создан',
    secretWarning: 'Скопируйте секрет сейчас: он показывается один раз и больше не будет доступен.',
    secretLabel: 'Секрет ключа',
    never: 'не использовался',
    empty: 'Ключей пока нет',
  },
  organizations: {
    title: 'Организации',
    fields: {
      name: 'Наименование',
      kind: 'Тип',
      inn: 'ИНН',
      kpp: 'КПП',
      city: 'Город',
      region: 'Регион',
      address: 'Адрес',
    },
    empty: 'Организаций нет',
  },
};
