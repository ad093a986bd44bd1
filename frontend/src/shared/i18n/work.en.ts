import type { Widen } from './ru';
import type { workRu } from './work.ru';

export const workEn: Widen<typeof workRu> = {
  title: 'Work',
};
