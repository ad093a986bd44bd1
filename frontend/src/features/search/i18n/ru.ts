// Russian texts of the search feature (the source language; en.ts mirrors the shape).
const search = {
  open: 'Найти везде',
  placeholder: 'Номер, название, телефон, e-mail, ИНН…',
  shortcut: 'Ctrl+K',
  hint: 'Введите хотя бы 3 символа или номер',
  nothing: 'Ничего не найдено',
  results: 'Найдено',
  failed: 'Поиск не удался',
  closed: 'закрыта',
  kinds: {
    clients: 'Клиенты',
    contacts: 'Контакты',
    leads: 'Лиды',
    deals: 'Сделки',
  },
};

/** The texts of the search feature, merged with the others in `app/texts.ts`. */
export const searchRu = { search };
