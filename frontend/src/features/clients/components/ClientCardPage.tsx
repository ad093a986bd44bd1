import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientQuery } from '../api/clients';
import { ContactsTab } from './ContactsTab';
import { CounterpartiesTab } from './CounterpartiesTab';
import { EditClientModal } from './EditClientModal';
import { HistoryTab } from './HistoryTab';
import { SalesTab } from './SalesTab';
import { WorkTab } from './WorkTab';
import { relationshipColor } from './labels';
import { EmailLink, PhoneLink } from '../../../shared/ui/ContactLinks';

const TABS = ['sales', 'work', 'counterparties', 'contacts', 'history'] as const;

export function ClientCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const canWrite = useCan('clients.write');
  // The client's payments (the money side's list, filtered to it) for those who read payments.
  const canPayments = useCan('payments.read');
  const [params, setParams] = useSearchParams();
  // The client's deals and leads come first for those who work them.
  const canDeals = useCan('deals.read');
  const canLeads = useCan('leads.read');
  const canSales = canDeals || canLeads;
  const first = canSales ? 'sales' : 'counterparties';
  const tab = TABS.find((x) => x === params.get('tab') && ((x !== 'sales' && x !== 'work') || canSales)) ?? first;
  const [editing, edit] = useDisclosure(false);
  const client = useQuery(clientQuery(id));

  if (client.isPending) return <TableSkeleton rows={8} />;
  if (client.isError) {
    const e = client.error;
    // Another organization's client answers 404 (its existence is not disclosed).
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 403 || e.code === 'bad_request'))
      return <NotFound text={t('clients.card.notFound')} />;
    return <ProblemAlert error={e} onRetry={() => void client.refetch()} />;
  }
  const c = client.data;

  return (
    <Stack>
      <Anchor component={Link} to="/clients" size="sm">
        ← {t('clients.form.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {c.name}
            </Title>
            <Badge variant="light" color={relationshipColor[c.relationship]}>
              {t(`clients.relationship.${c.relationship}`)}
            </Badge>
          </Group>
          {c.public_name && <Text c="dimmed">{c.public_name}</Text>}
        </Stack>
        {(canWrite || canPayments) && (
          <Group gap="xs">
            {canPayments && (
              <Button variant="default" component={Link} to={`/payments?client_id=${encodeURIComponent(c.id)}`}>
                {t('clients.card.paymentHistory')}
              </Button>
            )}
            {canWrite && <Button onClick={edit.open}>{t('clients.card.edit')}</Button>}
          </Group>
        )}
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Info label={t('clients.fields.person_kind')}>{t(`clients.personKind.${c.person_kind}`)}</Info>
        <Info label={t('clients.fields.phone')}>
          <PhoneLink phone={c.phone} />
        </Info>
        <Info label={t('clients.fields.email')}>
          <EmailLink email={c.email} />
        </Info>
        <Info label={t('clients.fields.segment')}>{c.segment}</Info>
        <Info label={t('clients.fields.client_type')}>{c.client_type}</Info>
        <Info label={t('clients.fields.manager')}>{c.manager_name}</Info>
        <Info label={t('clients.fields.organization')}>{c.organization_name}</Info>
        <Info label={t('clients.fields.updated_at')}>{formatDateTime(c.updated_at)}</Info>
      </SimpleGrid>
      {c.notes && <Info label={t('clients.fields.notes')}>{c.notes}</Info>}

      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== first ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {canSales && <Tabs.Tab value="sales">{t('clients.card.tabs.sales')}</Tabs.Tab>}
          {canSales && <Tabs.Tab value="work">{t('clients.card.tabs.work')}</Tabs.Tab>}
          <Tabs.Tab value="counterparties">
            {t('clients.card.tabs.counterparties')} ({c.counterparties.length})
          </Tabs.Tab>
          <Tabs.Tab value="contacts">
            {t('clients.card.tabs.contacts')} ({c.contacts.length})
          </Tabs.Tab>
          <Tabs.Tab value="history">{t('clients.card.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        {canSales && (
          <Tabs.Panel value="sales" pt="md">
            <SalesTab clientId={c.id} />
          </Tabs.Panel>
        )}
        {canSales && (
          <Tabs.Panel value="work" pt="md">
            <WorkTab clientId={c.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="counterparties" pt="md">
          <CounterpartiesTab client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab clientId={c.id} />
        </Tabs.Panel>
      </Tabs>

      {canWrite && <EditClientModal client={c} opened={editing} onClose={edit.close} />}
    </Stack>
  );
}

function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </div>
  );
}
