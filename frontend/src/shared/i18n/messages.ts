// Human texts for problems and field errors, in the current language.
import { i18n } from './index';
import { ApiProblem, type FieldError } from '../api/problem';

// Keys built at run time from server codes: checked with `exists`, so typed keys do not apply.
const untypedT = (key: string, options?: Record<string, unknown>): string =>
  String((i18n.t as unknown as (k: string, o?: Record<string, unknown>) => unknown)(key, options));

function tr(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18n.exists(key) ? untypedT(key, options) : fallback;
}

/** A one-line message for any error thrown by the API layer. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.code === 'too_many_attempts' && error.retryAfter !== null) {
      return tr('auth.tooManyAttempts', error.message, { seconds: error.retryAfter });
    }
    const fallback = error.detail || error.title || tr('problems.unknown', 'Error');
    const text = tr(`problems.${error.code}`, fallback);
    // The server's detail is Russian; show it only when the UI speaks Russian and it adds something.
    return i18n.language === 'ru' && error.detail && error.code !== 'validation_failed' && error.detail !== text
      ? `${text}: ${error.detail}`
      : text;
  }
  return tr('problems.unknown', 'Error');
}

/**
 * The text shown next to a field. The server writes precise Russian messages
 * («Неверное контрольное число ИНН»), so Russian uses them; other languages translate the code.
 */
export function fieldErrorMessage(error: FieldError): string {
  if (i18n.language === 'ru' && error.message) return error.message;
  return tr(`fieldErrors.${error.code}`, error.message || tr('fieldErrors.unknown', error.code));
}
