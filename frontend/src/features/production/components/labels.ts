// The productions' words in the current language: the working week («Пн–Сб»), payment terms.
import { useTranslation } from 'react-i18next';
import type { PaymentTerms } from '../api/productions';
import { WEEK, workingDaysLabel } from '../model/profile';

export function useProductionLabels() {
  const { t } = useTranslation();
  const short = WEEK.map((d) => t(`productions.weekdays.d${d}`));
  return {
    /** «Пн–Сб», «Пн, Ср, Пт». */
    days: (days: readonly number[]) => workingDaysLabel(days, short),
    dayShort: (day: number) => t(`productions.weekdays.d${day as (typeof WEEK)[number]}`),
    dayLong: (day: number) => t(`productions.weekdaysLong.d${day as (typeof WEEK)[number]}`),
    terms: (terms: PaymentTerms) => t(`productions.terms.${terms}`),
    termsHint: (terms: PaymentTerms) => t(`productions.termsHint.${terms}`),
  };
}
