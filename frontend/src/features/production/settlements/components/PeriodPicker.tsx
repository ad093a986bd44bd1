// The period of a settlements view: two days typed or picked (дд.мм.гггг), and the quick choices.
// The period lives in the URL (`?from=…&to=…`): a link reopens the same view, and a typed day
// applies once it is a real day and the period does not end before it starts.
import { Button, Group } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../shared/dates/parse';
import { DateField } from '../../../../shared/ui/DateField';
import { PRESETS, isValidPeriod, presetOf, presetPeriod, type Period } from '../model/period';

export function PeriodPicker({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(period);
  useEffect(() => setDraft(period), [period.from, period.to]);
  const reversed = isIsoDate(draft.from) && isIsoDate(draft.to) && draft.from > draft.to;
  const active = presetOf(period);

  const change = (next: Period) => {
    setDraft(next);
    if (isValidPeriod(next) && (next.from !== period.from || next.to !== period.to)) onChange(next);
  };

  return (
    <Group align="flex-start" gap="sm" wrap="wrap" role="group" aria-label={t('settlements.period.label')}>
      <DateField label={t('settlements.period.from')} value={draft.from} onChange={(from) => change({ ...draft, from })} w={150} />
      <DateField
        label={t('settlements.period.to')}
        value={draft.to}
        onChange={(to) => change({ ...draft, to })}
        error={reversed ? t('settlements.period.reversed') : undefined}
        w={150}
      />
      <Group gap={6} mt={{ base: 0, xs: 25 }} wrap="wrap" role="group" aria-label={t('settlements.period.presets')}>
        {PRESETS.map((p) => (
          <Button key={p} size="xs" px="xs" variant={active === p ? 'filled' : 'default'} aria-pressed={active === p} onClick={() => change(presetPeriod(p))}>
            {t(`settlements.period.${p}`)}
          </Button>
        ))}
      </Group>
    </Group>
  );
}
