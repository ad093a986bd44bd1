// Russian texts of the search feature (the source language; en.ts mirrors the shape).
const search = {
  open: 'Найти везде',
  placeholder: 'Номер, название, телефон, e-mail, ИНН…',
  shortcut: 'Ctrl+K',
  hint: 'Введите хотя бы 2 символа или номер сделки',
  nothing: 'Ничего не найдено',
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
