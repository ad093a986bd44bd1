import type { Widen } from './ru';
import type { pipelinesRu } from './pipelines.ru';

export const pipelinesEn: Widen<typeof pipelinesRu> = {
  title: 'Pipelines',
};
