import type { Widen } from './ru';
import type { salesRu } from './sales.ru';

export const salesEn: Widen<typeof salesRu> = {
  title: 'Sales',
};
