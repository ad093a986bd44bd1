import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../shared/format/format';
import type { PriceList } from '../api/catalogue';

/** «с 01.01.2026 по 31.12.2026», or «с 01.01.2026» without an end. */
export function Validity({ list }: { list: Pick<PriceList, 'valid_from' | 'valid_to'> }) {
  const { t } = useTranslation();
  const from = formatDate(list.valid_from);
  return (
    <Text size="sm" span>
      {list.valid_to
        ? t('catalogue.priceLists.validFromTo', { from, to: formatDate(list.valid_to) })
        : t('catalogue.priceLists.validFrom', { from })}
    </Text>
  );
}
