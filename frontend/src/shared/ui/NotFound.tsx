import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" py="xl" role="alert">
      <Title order={2}>{t('app.notFound.title')}</Title>
      <Text c="dimmed">{text ?? t('app.notFound.text')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('app.notFound.home')}
      </Button>
    </Stack>
  );
}
