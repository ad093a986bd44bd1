// The first screen's English texts, loaded only when English is chosen.
import { authEn } from '../features/identity/i18n/authEn';
import { sharedEn } from '../shared/i18n/en';
import { firstScreen } from './firstScreen';

export const firstScreenEn = firstScreen(sharedEn, authEn);
