import { List, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientHistoryQuery, type AuditEntry } from '../api/clients';

const FIELD_SECTIONS: Record<string, string[]> = {
  client: ['clients.fields'],
  counterparty: ['counterparties.fields'],
  contact: ['contacts.fields'],
  bank_account: ['bankAccounts.fields'],
};

/** The label of a changed field, looked up among the labels of that kind of record. */
function fieldLabel(entityType: string, field: string): string {
  const sections = [...(FIELD_SECTIONS[entityType] ?? []), 'clients.fields', 'counterparties.fields'];
  for (const s of sections) {
    const key = `${s}.${field}`;
    if (i18n.exists(key)) return String((i18n.t as unknown as (k: string) => unknown)(key));
  }
  return field;
}

function entityLabel(entityType: string): string {
  const key = `history.entities.${entityType}`;
  return i18n.exists(key) ? String((i18n.t as unknown as (k: string) => unknown)(key)) : entityType;
}

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function HistoryTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const history = useQuery(clientHistoryQuery(clientId));
  if (history.isPending) return <TableSkeleton rows={4} />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table aria-label={t('clients.card.tabs.history')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.at')}</Table.Th>
            <Table.Th>{t('history.actor')}</Table.Th>
            <Table.Th>{t('history.action')}</Table.Th>
            <Table.Th>{t('history.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor_name ?? t('history.system')}</Table.Td>
              <Table.Td>
                {t(`history.actions.${e.action}`)} · {entityLabel(e.entity_type)}
              </Table.Td>
              <Table.Td>
                <Changes entry={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const empty = t('history.emptyValue');
  const changes = Object.entries(entry.changes ?? {});
  if (changes.length === 0) return null;
  return (
    <List size="sm" spacing={2}>
      {changes.map(([field, change]) => (
        <List.Item key={field}>
          <Text span size="sm" fw={500}>
            {fieldLabel(entry.entity_type, field)}:
          </Text>{' '}
          {entry.action === 'create' ? (
            show(change?.new, empty)
          ) : (
            <>
              <Text span size="sm" c="dimmed" td="line-through">
                {show(change?.old, empty)}
              </Text>{' '}
              → {show(change?.new, empty)}
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}
