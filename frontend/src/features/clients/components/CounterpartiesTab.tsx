import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatDate } from '../../../shared/format/format';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ConfirmButton } from '../../../shared/ui/ConfirmButton';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  addCounterparty,
  clientKeys,
  deleteBankAccount,
  setCounterpartyApproval,
  updateCounterparty,
  type ClientDetail,
  type Counterparty,
} from '../api/clients';
import { legalForm } from '../model/legalForm';
import { BankAccountModal } from './BankAccountModal';
import {
  CounterpartyFields,
  counterpartyPatch,
  counterpartyPayload,
  counterpartyValues,
  emptyCounterparty,
  type CounterpartyValues,
} from './fields';

export function CounterpartiesTab({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan('clients.write');
  const [adding, add] = useDisclosure(false);
  return (
    <Stack>
      {canWrite && (
        <Group>
          <Button variant="light" onClick={add.open}>
            {t('counterparties.add')}
          </Button>
        </Group>
      )}
      {client.counterparties.length === 0 && <Text c="dimmed">{t('counterparties.empty')}</Text>}
      {client.counterparties.map((cp) => (
        <CounterpartyCard key={cp.id} counterparty={cp} clientId={client.id} />
      ))}
      {canWrite && <CounterpartyModal clientId={client.id} opened={adding} onClose={add.close} />}
    </Stack>
  );
}

function CounterpartyCard({ counterparty: cp, clientId }: { counterparty: Counterparty; clientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('clients.write');
  const canApprove = useCan('counterparties.approve');
  const [addingAccount, addAccount] = useDisclosure(false);
  const [editing, edit] = useDisclosure(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });

  const approval = useMutation({
    mutationFn: () => setCounterpartyApproval(cp.id, !cp.approved, cp.version),
    onSuccess: (updated) => {
      notifySuccess(updated.approved ? t('counterparties.approvedToast') : t('counterparties.unapprovedToast'));
      void refresh();
    },
    onError: (e) => {
      notifyProblem(e);
      if (e instanceof ApiProblem && e.code === 'version_conflict') void refresh();
    },
  });
  const removeAccount = useMutation({
    mutationFn: (id: string) => deleteBankAccount(id),
    onSuccess: () => {
      notifySuccess(t('bankAccounts.deleted'));
      void refresh();
    },
    onError: notifyProblem,
  });

  return (
    <Paper withBorder p="md" component="section" aria-label={cp.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={3} size="h4">
              {cp.name}
            </Title>
            <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
              {legalForm(cp) ?? t(`counterparties.kindShort.${cp.kind}`)}
            </Badge>
            {cp.approved ? (
              <Badge color="green" title={cp.approved_at ? t('counterparties.approvedAt', { date: formatDate(cp.approved_at) }) : undefined}>
                {t('counterparties.approved')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                {t('counterparties.notApproved')}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
          {canWrite && (
            <Button size="xs" variant="default" onClick={edit.open}>
              {t('common.edit')}
            </Button>
          )}
          {canApprove && (
            <Button
              size="xs"
              variant={cp.approved ? 'default' : 'filled'}
              color={cp.approved ? undefined : 'green'}
              loading={approval.isPending}
              onClick={() => approval.mutate()}
            >
              {cp.approved ? t('counterparties.unapprove') : t('counterparties.approve')}
            </Button>
          )}
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Requisite label={t('counterparties.fields.inn')}>{cp.inn}</Requisite>
          {cp.kind === 'legal_entity' && <Requisite label={t('counterparties.fields.kpp')}>{cp.kpp}</Requisite>}
          {cp.kind !== 'person' && (
            <Requisite label={cp.kind === 'legal_entity' ? t('counterparties.fields.ogrn') : t('counterparties.fields.ogrnip')}>
              {cp.ogrn}
            </Requisite>
          )}
          <Requisite label={t('counterparties.fields.okpo')}>{cp.okpo}</Requisite>
        </SimpleGrid>
        {(cp.legal_address || cp.actual_address) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Requisite label={t('counterparties.fields.legal_address')}>{cp.legal_address}</Requisite>
            <Requisite label={t('counterparties.fields.actual_address')}>{cp.actual_address}</Requisite>
          </SimpleGrid>
        )}

        <Group justify="space-between">
          <Text fw={500} size="sm">
            {t('bankAccounts.title')}
          </Text>
          {canWrite && (
            <Button size="xs" variant="light" onClick={addAccount.open}>
              {t('bankAccounts.add')}
            </Button>
          )}
        </Group>
        {cp.bank_accounts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('bankAccounts.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label={`${t('bankAccounts.title')}: ${cp.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bankAccounts.fields.account_number')}</Table.Th>
                  <Table.Th>{t('bankAccounts.fields.bik')}</Table.Th>
                  <Table.Th>{t('bankAccounts.fields.bank_name')}</Table.Th>
                  <Table.Th>{t('bankAccounts.fields.city')}</Table.Th>
                  <Table.Th>{t('bankAccounts.fields.corr_account')}</Table.Th>
                  {canWrite && <Table.Th aria-label={t('common.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cp.bank_accounts.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td ff="monospace">{a.account_number}</Table.Td>
                    <Table.Td ff="monospace">{a.bik}</Table.Td>
                    <Table.Td>{a.bank_name}</Table.Td>
                    <Table.Td>{a.city}</Table.Td>
                    <Table.Td ff="monospace">{a.corr_account}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('bankAccounts.delete', { number: a.account_number })}
                          question={t('bankAccounts.confirmDelete', { number: a.account_number })}
                          loading={removeAccount.isPending && removeAccount.variables === a.id}
                          onConfirm={() => removeAccount.mutate(a.id)}
                        >
                          {t('common.delete')}
                        </ConfirmButton>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {canWrite && (
        <BankAccountModal counterpartyId={cp.id} clientId={clientId} opened={addingAccount} onClose={addAccount.close} />
      )}
      {canWrite && editing && <CounterpartyModal clientId={clientId} counterparty={cp} opened onClose={edit.close} />}
    </Paper>
  );
}

function Requisite({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={typeof children === 'string' && /^\d+$/.test(children) ? 'monospace' : undefined}>
        {children || '—'}
      </Text>
    </div>
  );
}

/** Adds a counterparty, or edits `counterparty` (changed requisites withdraw its approval). */
function CounterpartyModal({
  clientId,
  counterparty,
  opened,
  onClose,
}: {
  clientId: string;
  counterparty?: Counterparty;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<CounterpartyValues>({
    initialValues: counterparty ? counterpartyValues(counterparty) : emptyCounterparty(),
    validate: { name: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
  const mutation = useMutation({
    mutationFn: (v: CounterpartyValues) =>
      counterparty
        ? updateCounterparty(counterparty.id, counterpartyPatch(v, counterparty.version))
        : addCounterparty(clientId, counterpartyPayload(v)),
    onSuccess: () => {
      notifySuccess(counterparty ? t('counterparties.saved') : t('counterparties.added'));
      void refresh();
      form.reset();
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiProblem && e.code === 'version_conflict') void refresh();
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      );
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={counterparty ? t('counterparties.editTitle') : t('counterparties.newTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          {counterparty?.approved && (
            <Text size="sm" c="dimmed">
              {t('counterparties.editWithdrawsApproval')}
            </Text>
          )}
          <CounterpartyFields kind={form.values.kind} field={(f) => form.getInputProps(f)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {counterparty ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
