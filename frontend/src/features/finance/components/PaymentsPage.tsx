import {
  Badge,
  Button,
  CloseButton,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatDate } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ClientSelect } from '../../../shared/ui/ClientSelect';
import { DateField } from '../../../shared/ui/DateField';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientQuery, paymentListQuery, paymentsExportUrl, unallocatedCountQuery, type Payment, type PaymentFilters } from '../api/finance';
import { isIsoDate } from '../../../shared/dates/parse';
import { DIRECTIONS, METHODS, hasRest, paymentParty, paymentStatus, STATUS_COLOR } from '../model/payment';
import { NewPaymentModal } from './NewPaymentModal';
import { PaymentDrawer } from './PaymentDrawer';

/** «Платежи»: every payment in and out, the unmatched queue one switch away, a payment in a drawer. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const canRecord = useCan('payments.record');
  const canReadClients = useCan('clients.read');
  // Filters (and the open payment) live in the URL: a list can be bookmarked and survives "back".
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const unallocated = params.get('unallocated') === '1';
  const direction = DIRECTIONS.find((d) => d === params.get('direction'));
  const method = METHODS.find((m) => m === params.get('method'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const statementId = params.get('statement') || undefined;
  // A client's payment history (the client card links here): `?client_id=…`.
  const clientId = UUID.test(params.get('client_id') ?? '') ? params.get('client_id')! : undefined;
  const openId = params.get('payment');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [creating, create] = useDisclosure(false);
  // On a phone a table's amount would be two swipes away: each payment is a card there.
  const phone = useMediaQuery('(max-width: 48em)');

  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const filters: PaymentFilters = {
    direction: unallocated ? 'incoming' : direction,
    method,
    unallocated: unallocated || undefined,
    client_id: clientId,
    statement_id: statementId,
    // A date still being typed is not sent.
    from: isIsoDate(from) ? from : undefined,
    to: isIsoDate(to) ? to : undefined,
    q: debouncedSearch || undefined,
  };
  const list = useInfiniteQuery(paymentListQuery(filters));
  const queueCount = useQuery(unallocatedCountQuery);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // The filter's client by name: from its card, or from its payments while the card loads.
  const client = useQuery({ ...clientQuery(clientId ?? ''), enabled: !!clientId && canReadClients });
  const clientName = client.data?.name ?? items.find((p) => p.client_id === clientId)?.client_name;
  const currentClient = clientId && clientName ? { id: clientId, name: clientName, inn: client.data?.inn ?? null } : null;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('finance.payments.title')}
        </Title>
        {canRecord && (
          <Group gap="xs">
            <Button variant="default" component={Link} to="/payments/import">
              {t('finance.payments.import')}
            </Button>
            <Button onClick={create.open}>{t('finance.payments.new')}</Button>
          </Group>
        )}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="payments-direction">
            {t('finance.payments.directionFilter')}
          </Text>
          <SegmentedControl
            aria-labelledby="payments-direction"
            value={unallocated ? 'incoming' : (direction ?? 'all')}
            disabled={unallocated}
            onChange={(v) => setParam('direction', v === 'all' ? null : v)}
            data={[
              { value: 'all', label: t('finance.payments.all') },
              { value: 'incoming', label: t('finance.payments.incoming') },
              { value: 'outgoing', label: t('finance.payments.outgoing') },
            ]}
          />
        </Stack>
        <Switch
          mb={8}
          checked={unallocated}
          onChange={(e) => setParam('unallocated', e.currentTarget.checked ? '1' : null)}
          label={
            queueCount.data !== undefined
              ? t('finance.payments.unallocatedCount', { count: queueCount.data })
              : t('finance.payments.unallocated')
          }
        />
        <NativeSelect
          label={t('finance.payments.methodFilter')}
          data={[{ value: '', label: t('finance.payments.all') }, ...METHODS.map((m) => ({ value: m, label: t(`finance.method.${m}`) }))]}
          value={method ?? ''}
          onChange={(e) => setParam('method', e.currentTarget.value)}
          w={120}
        />
        <DateField label={t('finance.payments.from')} value={from} onChange={(v) => setParam('from', v)} w={150} clearable />
        <DateField label={t('finance.payments.to')} value={to} onChange={(v) => setParam('to', v)} w={150} clearable />
        {canReadClients && (
          <ClientSelect
            label={t('finance.payments.clientFilter')}
            placeholder={t('finance.payments.clientFilterPlaceholder')}
            value={clientId ?? null}
            current={currentClient}
            onChange={(c) => setParam('client_id', c?.id)}
            w={{ base: '100%', xs: 280 }}
          />
        )}
        <TextInput
          label={t('finance.payments.search')}
          placeholder={t('finance.payments.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
        />
        <Group ml={{ base: 0, sm: 'auto' }} w={{ base: '100%', sm: 'auto' }}>
          <ExportButtons
            url={(format) => paymentsExportUrl(filters, format)}
            name={clientId ? t('finance.payments.exportClientName') : t('finance.payments.exportName')}
          />
        </Group>
      </Group>

      {statementId && (
        <Group gap="xs">
          <Badge variant="light" size="lg" rightSection={<CloseButton size="xs" aria-label={t('finance.payments.clearStatement')} onClick={() => setParam('statement', null)} />}>
            {t('finance.payments.statementFilter')}
          </Badge>
        </Group>
      )}

      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError && items.length === 0 ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="xl" align="center" ta="center">
          <Text fw={500}>{unallocated ? t('finance.payments.emptyQueue') : t('finance.payments.empty')}</Text>
          <Text c="dimmed" size="sm">
            {unallocated
              ? t('finance.payments.emptyQueueHint')
              : canRecord
                ? t('finance.payments.emptyHint')
                : t('finance.payments.emptyHintReadOnly')}
          </Text>
        </Stack>
      ) : phone ? (
        <Stack gap="xs" component="ul" aria-label={t('finance.payments.listLabel')} p={0} m={0} style={{ listStyle: 'none' }} opacity={list.isPlaceholderData ? 0.6 : 1}>
          {items.map((p) => (
            <PaymentCard key={p.id} payment={p} onOpen={() => setParam('payment', p.id)} />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={1060}>
          <Table striped highlightOnHover aria-label={t('finance.payments.listLabel')} opacity={list.isPlaceholderData ? 0.6 : 1}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.payments.columns.date')}</Table.Th>
                <Table.Th>{t('finance.payments.columns.number')}</Table.Th>
                <Table.Th>{t('finance.payments.columns.party')}</Table.Th>
                <Table.Th>{t('finance.payments.columns.purpose')}</Table.Th>
                <Table.Th ta="right">{t('finance.payments.columns.amount')}</Table.Th>
                <Table.Th ta="right">{t('finance.payments.columns.allocated')}</Table.Th>
                <Table.Th ta="right">{t('finance.payments.columns.rest')}</Table.Th>
                <Table.Th>{t('finance.payments.columns.line')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <PaymentRow key={p.id} payment={p} onOpen={() => setParam('payment', p.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.showMore')}
          </Button>
        </Group>
      )}
      {list.isFetchNextPageError && <ProblemAlert error={list.error} />}

      <PaymentDrawer id={openId} onClose={() => setParam('payment', null)} />
      {canRecord && (
        <NewPaymentModal
          opened={creating}
          onClose={create.close}
          onSaved={(payment) => {
            create.close();
            setParam('payment', payment.id);
          }}
        />
      )}
    </Stack>
  );
}

function PaymentRow({ payment: p, onOpen }: { payment: Payment; onOpen: () => void }) {
  const { t } = useTranslation();
  const status = paymentStatus(p);
  const incoming = p.direction === 'incoming';
  return (
    <Table.Tr onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.paid_on)}</Table.Td>
      <Table.Td>
        <UnstyledButton
          c="teal.8"
          fz="sm"
          fw={500}
          // The row opens the payment on a click; the button is the keyboard's way in.
          onClick={(e) => {
            e.stopPropagation();
            onOpen();
          }}
          aria-label={t('finance.payments.open', { number: p.number, date: formatDate(p.paid_on) })}
          style={{ whiteSpace: 'nowrap' }}
        >
          {p.number}
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        <Party payment={p} />
      </Table.Td>
      <Table.Td maw={320}>
        <Tooltip label={p.purpose} multiline w={360} openDelay={300} disabled={!p.purpose}>
          <Text size="sm" lineClamp={2}>
            {p.purpose}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={500} c={incoming ? undefined : 'red.8'}>
          {incoming ? '' : '−'}
          {formatMoney(p.amount)}
        </Text>
        <Badge size="xs" variant="light" color={STATUS_COLOR[status]}>
          {t(`finance.status.${status}`)}
        </Badge>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {incoming ? formatMoney(p.allocated) : t('common.empty')}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {incoming ? (
          <Text size="sm" span fw={hasRest(p) ? 600 : undefined} c={hasRest(p) ? 'orange.9' : undefined}>
            {formatMoney(p.rest)}
          </Text>
        ) : (
          t('common.empty')
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.statement_line != null ? t('finance.payments.line', { line: p.statement_line }) : ''}</Table.Td>
    </Table.Tr>
  );
}

/** A payment on a phone: date and number, who, the amount with its status, and any rest. */
function PaymentCard({ payment: p, onOpen }: { payment: Payment; onOpen: () => void }) {
  const { t } = useTranslation();
  const status = paymentStatus(p);
  const incoming = p.direction === 'incoming';
  return (
    <li>
      <UnstyledButton
        onClick={onOpen}
        aria-label={t('finance.payments.open', { number: p.number, date: formatDate(p.paid_on) })}
        w="100%"
        p="sm"
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
      >
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {formatDate(p.paid_on)} · № {p.number}
            </Text>
            <Party payment={p} />
          </Stack>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <Text size="sm" fw={600} c={incoming ? undefined : 'red.8'} style={{ whiteSpace: 'nowrap' }}>
              {incoming ? '' : '−'}
              {formatMoney(p.amount)}
            </Text>
            <Badge size="xs" variant="light" color={STATUS_COLOR[status]}>
              {t(`finance.status.${status}`)}
            </Badge>
          </Stack>
        </Group>
        {hasRest(p) && (
          <Text size="xs" mt={4} c="orange.9" fw={600}>
            {t('finance.payments.columns.rest')}: {formatMoney(p.rest)}
          </Text>
        )}
      </UnstyledButton>
    </li>
  );
}

/** The client (or, with none, the payer or payee as the bank named them), the bank's name and the INN. */
function Party({ payment: p }: { payment: Payment }) {
  const { t } = useTranslation();
  const { name, bankName } = paymentParty(p);
  const details = [bankName, p.party_inn ? t('finance.payments.inn', { inn: p.party_inn }) : null].filter(Boolean).join(' · ');
  // Money from a payer who is no client yet: the drawer sets or creates one.
  const unknown = p.direction === 'incoming' && !p.client_id;
  return (
    <>
      <Text size="sm" fw={500} lineClamp={2}>
        {name}
      </Text>
      {details && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {details}
        </Text>
      )}
      {unknown && (
        <Text size="xs" c="orange.9">
          {t('finance.drawer.noClient')}
        </Text>
      )}
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
