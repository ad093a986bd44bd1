import type { Widen } from '../../../shared/i18n/texts';
import type { notificationsRu } from './ru';

const notifications: Widen<typeof notificationsRu.notifications> = {
  bell: 'Notifications',
  unread: 'Unread: {{count}}',
  readAll: 'Mark all read',
  empty: 'No notifications yet: answers to your requests, new tasks and mentions will appear here.',
  loadFailed: 'Could not load notifications',
  newOne: 'New notification',
};

export const notificationsEn = { notifications };
