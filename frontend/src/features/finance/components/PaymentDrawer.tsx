import { Alert, Anchor, Badge, Button, Card, Divider, Drawer, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { isProblemCode } from '../../../shared/api/problem';
import { formatDate } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  allocatePayment,
  financeKeys,
  paymentQuery,
  setPaymentClient,
  type PaymentDetail,
  type Suggestion,
} from '../api/finance';
import { hasRest, oneClickAmount, paymentStatus, rankedSuggestions, STATUS_COLOR } from '../model/payment';
import { ClientSelect } from '../../../shared/ui/ClientSelect';
import { PayerClientModal } from './PayerClientModal';

/** A payment in a drawer: what it is, where its money went and, for money left over, where it may go. */
export function PaymentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const payment = useQuery({ ...paymentQuery(id ?? ''), enabled: !!id });
  const p = payment.data;
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      // The drawer's title is its <h2> already: the text goes in as it is, sized as a section's heading.
      styles={{ title: { fontSize: 'var(--mantine-h4-font-size)', fontWeight: 700, lineHeight: 'var(--mantine-h4-line-height)' } }}
      title={
        p
          ? t('finance.drawer.title', { direction: t(`finance.direction.${p.direction === 'incoming' ? 'incoming' : 'outgoing'}`), number: p.number, date: formatDate(p.paid_on) })
          : t('common.loading')
      }
    >
      {payment.isPending ? (
        <Stack aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={60} />
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
      ) : payment.isError ? (
        <ProblemAlert error={payment.error} title={t('finance.drawer.loadFailed')} onRetry={() => void payment.refetch()} />
      ) : (
        p && <PaymentBody payment={p} />
      )}
    </Drawer>
  );
}

function PaymentBody({ payment: p }: { payment: PaymentDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canRecord = useCan('payments.record');
  const [conflict, setConflict] = useState(false);
  const incoming = p.direction === 'incoming';
  const status = paymentStatus(p);

  /** The server's answer is the payment now; everything built on payments is read again. */
  const changed = (updated: PaymentDetail) => {
    setConflict(false);
    queryClient.setQueryData(financeKeys.payment(p.id), updated);
    void queryClient.invalidateQueries({ queryKey: financeKeys.all });
  };
  const failed = (error: unknown) => {
    if (isProblemCode(error, 'version_conflict')) {
      setConflict(true);
      void queryClient.invalidateQueries({ queryKey: financeKeys.payment(p.id) });
    }
  };

  const allocate = useMutation({
    mutationFn: (s: Suggestion) => allocatePayment(p.id, p.version, [{ invoice_id: s.invoice_id, amount: oneClickAmount(p, s) }]),
    onSuccess: (updated, s) => {
      const put = updated.allocations.filter((a) => a.invoice_id === s.invoice_id).at(-1);
      notifySuccess(t('finance.drawer.allocatedNotice', { number: s.invoice_number, amount: formatMoney(put?.amount ?? oneClickAmount(p, s)) }));
      changed(updated);
    },
    onError: failed,
  });

  return (
    <Stack gap="md">
      {conflict && (
        <Alert color="orange" role="alert">
          {t('finance.drawer.conflict')}
        </Alert>
      )}
      <Group gap="xs">
        <Badge variant="light" color={STATUS_COLOR[status]}>
          {t(`finance.status.${status}`)}
        </Badge>
      </Group>

      <SimpleGrid cols={incoming ? { base: 2, xs: 3 } : 1} spacing="xs">
        <Figure label={t('finance.drawer.amount')} value={formatMoney(p.amount)} />
        {incoming && <Figure label={t('finance.drawer.allocated')} value={formatMoney(p.allocated)} />}
        {incoming && <Figure label={t('finance.drawer.rest')} value={formatMoney(p.rest)} accent={hasRest(p)} />}
      </SimpleGrid>

      <Stack gap={6}>
        <Field label={incoming ? t('finance.drawer.payer') : t('finance.drawer.payee')}>{p.party_name}</Field>
        {p.party_inn && <Field label={t('finance.drawer.inn')}>{p.party_inn}</Field>}
        {p.party_kpp && <Field label={t('finance.drawer.kpp')}>{p.party_kpp}</Field>}
        {p.party_account && <Field label={t('finance.drawer.account')}>{p.party_account}</Field>}
        {p.party_bik && <Field label={t('finance.drawer.bik')}>{p.party_bik}</Field>}
        {p.party_bank && <Field label={t('finance.drawer.bank')}>{p.party_bank}</Field>}
        {p.purpose && <Field label={t('finance.drawer.purpose')}>{p.purpose}</Field>}
        <Field label={t('finance.drawer.method')}>{t(`finance.method.${p.method === 'cash' ? 'cash' : 'bank'}`)}</Field>
        {p.statement_line != null && (
          <Field label={t('finance.drawer.statement')}>{t('finance.drawer.statementLine', { line: p.statement_line })}</Field>
        )}
        {p.note && <Field label={t('finance.drawer.note')}>{p.note}</Field>}
      </Stack>

      <ClientBlock payment={p} canRecord={canRecord} onChanged={changed} onFailed={failed} />

      {incoming && (
        <>
          <Divider />
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('finance.drawer.allocations')}
            </Title>
            {p.allocations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('finance.drawer.noAllocations')}
              </Text>
            ) : (
              p.allocations.map((a) => (
                <Group key={`${a.invoice_id}-${a.created_at}`} justify="space-between" wrap="nowrap">
                  <Text size="sm">{t('finance.drawer.invoice', { number: a.invoice_number })}</Text>
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(a.amount)}
                  </Text>
                </Group>
              ))
            )}
          </Stack>
        </>
      )}

      {hasRest(p) && p.matching && (
        <>
          <Divider />
          <Stack gap="xs">
            {p.matching.kind === 'auto' ? (
              <Alert color="green">{t('finance.drawer.auto')}</Alert>
            ) : (
              p.matching.why_text && (
                <Alert color="orange" title={t('finance.drawer.why')}>
                  {p.matching.why_text}
                </Alert>
              )
            )}
            <Title order={3} size="h5">
              {t('finance.drawer.suggestions')}
            </Title>
            {allocate.isError && !conflict && <ProblemAlert error={allocate.error} />}
            {p.matching.suggestions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('finance.drawer.noSuggestions')}
              </Text>
            ) : (
              rankedSuggestions(p.matching.suggestions).map((s) => (
                <SuggestionCard
                  key={s.invoice_id}
                  suggestion={s}
                  amount={oneClickAmount(p, s)}
                  canRecord={canRecord}
                  busy={allocate.isPending}
                  loading={allocate.isPending && allocate.variables?.invoice_id === s.invoice_id}
                  onAllocate={() => allocate.mutate(s)}
                />
              ))
            )}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function SuggestionCard({
  suggestion: s,
  amount,
  canRecord,
  busy,
  loading,
  onAllocate,
}: {
  suggestion: Suggestion;
  amount: string;
  canRecord: boolean;
  busy: boolean;
  loading: boolean;
  onAllocate: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={500} size="sm">
            {t('finance.drawer.suggestion', { number: s.invoice_number, date: formatDate(s.invoice_date) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('finance.drawer.outstanding', { amount: formatMoney(s.outstanding) })}
          </Text>
          {s.deal_id && (
            <Anchor component={Link} to={`/deals/${s.deal_id}`} size="sm">
              {t('finance.drawer.openDeal')}
            </Anchor>
          )}
        </Stack>
        {canRecord && (
          <Button
            size="xs"
            onClick={onAllocate}
            loading={loading}
            disabled={busy && !loading}
            aria-label={t('finance.drawer.allocateLabel', { amount: formatMoney(amount), number: s.invoice_number })}
          >
            {t('finance.drawer.allocate', { amount: formatMoney(amount) })}
          </Button>
        )}
      </Group>
      {s.reasons.length > 0 && (
        <Group gap={4} mt="xs">
          {s.reasons.map((r) => (
            <Badge key={r.kind} size="sm" radius="sm" variant="light" color="gray" tt="none" fw={400} style={{ whiteSpace: 'normal', height: 'auto' }}>
              {r.text}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}

function ClientBlock({
  payment: p,
  canRecord,
  onChanged,
  onFailed,
}: {
  payment: PaymentDetail;
  canRecord: boolean;
  onChanged: (p: PaymentDetail) => void;
  onFailed: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const canReadClients = useCan('clients.read');
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, create] = useDisclosure(false);
  // Money from someone nobody knows: its payer may become a client right here.
  const offerCreate = canRecord && !p.client_id && p.direction === 'incoming';
  const save = useMutation({
    mutationFn: (clientId: string) => setPaymentClient(p.id, p.version, clientId),
    onSuccess: (updated) => {
      notifySuccess(t('finance.drawer.clientSaved'));
      setEditing(false);
      onChanged(updated);
    },
    onError: onFailed,
  });
  const clientName = p.client_name ?? t('finance.drawer.openClient');

  return (
    <Stack gap={6}>
      <Field label={t('finance.drawer.client')}>
        {p.client_id ? (
          canReadClients ? (
            <Anchor component={Link} to={`/clients/${p.client_id}`} size="sm">
              {clientName}
            </Anchor>
          ) : (
            clientName
          )
        ) : (
          <Text span size="sm" c="dimmed">
            {t('finance.drawer.noClient')}
          </Text>
        )}
      </Field>
      {canRecord && !editing && (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {p.client_id ? t('finance.drawer.changeClient') : t('finance.drawer.setClient')}
          </Button>
          {offerCreate && <CreateClientButton onClick={create.open} />}
        </Group>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) save.mutate(chosen);
          }}
        >
          <Stack gap="xs">
            <ClientSelect label={t('finance.drawer.clientLabel')} value={chosen} onChange={(c) => setChosen(c?.id ?? null)} comboboxProps={{ withinPortal: true }} />
            {save.isError && !isProblemCode(save.error, 'version_conflict') && <ProblemAlert error={save.error} />}
            <Group gap="xs" justify="space-between">
              {offerCreate ? <CreateClientButton onClick={create.open} /> : <span />}
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
                <Button size="xs" type="submit" disabled={!chosen} loading={save.isPending}>
                  {t('finance.drawer.saveClient')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      )}
      {offerCreate && (
        <PayerClientModal
          payment={p}
          opened={creating}
          onClose={create.close}
          onLinked={(updated) => {
            create.close();
            setEditing(false);
            onChanged(updated);
          }}
          onConflict={onFailed}
        />
      )}
    </Stack>
  );
}

/** «Создать клиента из реквизитов плательщика»: shown to whoever records payments (the accountant too). */
function CreateClientButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="light" onClick={onClick}>
      {t('finance.drawer.createClient')}
    </Button>
  );
}

function Figure({ label, value, accent }: { label: string; value: string; accent?: boolean }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} c={accent ? 'orange.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}
