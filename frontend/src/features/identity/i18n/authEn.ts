import type { Widen } from '../../../shared/i18n/texts';
import type { authRu } from './authRu';

export const authEn: Widen<typeof authRu> = {
  title: 'Sign in to Tessera',
  email: 'E-mail',
  password: 'Password',
  showPassword: 'Show password',
  submit: 'Sign in',
  invalidCredentials: 'Wrong e-mail or password',
  tooManyAttemptsLater: 'Too many sign-in attempts. Try again later.',
  sessionExpired: 'Your session has ended, please sign in again.',
};
