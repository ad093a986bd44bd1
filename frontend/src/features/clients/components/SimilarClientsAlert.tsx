import { Alert, Anchor, Badge, Checkbox, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SimilarClient } from '../api/clients';

export function SimilarClientsAlert({
  items,
  confirmed,
  needsConfirmation,
  onConfirm,
}: {
  items: SimilarClient[];
  /** The person said this is another client. */
  confirmed: boolean;
  /** They tried to create without saying so. */
  needsConfirmation: boolean;
  onConfirm: (yes: boolean) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" title={t('clients.similar.title')} role="status">
      <Text size="sm" mb="xs">
        {t('clients.similar.text')}
      </Text>
      <List spacing={4} size="sm">
        {items.map(({ client, reasons }) => (
          <List.Item key={client.id}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={500}>
                {client.name}
              </Text>
              {client.inn && (
                <Text size="xs" c="dimmed">
                  {t('counterparties.fields.inn')} {client.inn}
                </Text>
              )}
              {reasons.map((r) => (
                <Badge key={r} size="xs" color="yellow" variant="light">
                  {t(`clients.similar.reasons.${r}`)}
                </Badge>
              ))}
              <Anchor
                component={Link}
                to={`/clients/${client.id}`}
                target="_blank"
                size="sm"
                aria-label={t('clients.similar.openLabel', { name: client.name })}
              >
                {t('clients.similar.open')}
              </Anchor>
            </Group>
          </List.Item>
        ))}
      </List>
      <Checkbox
        mt="sm"
        label={t('clients.similar.confirm')}
        checked={confirmed}
        onChange={(e) => onConfirm(e.currentTarget.checked)}
        error={needsConfirmation ? t('clients.similar.confirmRequired') : undefined}
      />
    </Alert>
  );
}
