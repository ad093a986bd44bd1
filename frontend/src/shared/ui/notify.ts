import { notifications } from '@mantine/notifications';
import { problemMessage } from '../i18n/messages';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message });
}

export function notifyProblem(error: unknown): void {
  notifications.show({ color: 'red', message: problemMessage(error) });
}
