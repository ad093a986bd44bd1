import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index';

// Two small toggle buttons (lighter than a SegmentedControl: this is on the login page).
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <Group gap={2} wrap="nowrap" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <Button
          key={lng}
          size="compact-xs"
          variant={lng === current ? 'filled' : 'default'}
          aria-pressed={lng === current}
          lang={lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {lng.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
