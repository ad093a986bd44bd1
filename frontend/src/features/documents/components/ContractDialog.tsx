// A new contract for the deal's counterparty: its kind, until when, who signs for the client and
// «в лице … действующего на основании …» in the genitive. Missing requisites (the counterparty's
// INN, legal address, bank account; the organization's own) come back as 422 and are shown with a
// link to where they are fixed.
import { Alert, Anchor, Button, Grid, Group, List, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  clientAccountsQuery,
  CONTRACT_KINDS,
  createContract,
  type ContractKind,
  type DealForDocuments,
  type DocumentView,
} from '../api/documents';
import { textOr } from './labels';
import { todayIso } from './today';

interface Values {
  kind: ContractKind;
  valid_until: string;
  signatory: { position: string; name: string; acting: string };
  bank_account_id: string | null;
}

/** The fields a refusal names when requisites are missing, and where each is fixed. */
const REQUISITES = ['counterparty', 'counterparty.inn', 'counterparty.legal_address', 'counterparty.bank_account', 'organization'];

const initial = (): Values => ({
  kind: 'tile_supply',
  valid_until: '',
  signatory: { position: '', name: '', acting: '' },
  bank_account_id: null,
});

export function ContractDialog({
  deal,
  opened,
  onClose,
  onCreated,
}: {
  deal: DealForDocuments;
  opened: boolean;
  onClose: () => void;
  onCreated: (doc: DocumentView) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const canClients = useCan('clients.read');
  const canOrganizations = useCan('organizations.manage');
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [missing, setMissing] = useState<FieldError[]>([]);
  const client = useQuery({ ...clientAccountsQuery(deal.client_id ?? ''), enabled: opened && canClients && !!deal.client_id });
  const accounts = client.data?.counterparties.find((c) => c.id === deal.counterparty_id)?.bank_accounts ?? [];

  const form = useForm<Values>({
    initialValues: initial(),
    validate: {
      valid_until: (v) => dateFieldError(v),
      signatory: {
        name: (v) => (v.trim() ? null : t('fieldErrors.required')),
        acting: (v) =>
          !v.trim() ? t('fieldErrors.required') : v.trim().toLowerCase().startsWith('в лице ') ? null : t('documents.contract.actingStart'),
      },
    },
  });
  useEffect(() => {
    if (opened) {
      form.setValues(initial());
      form.clearErrors();
      setUnplaced(null);
      setMissing([]);
    }
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createContract(deal.id, {
        kind: v.kind,
        valid_until: v.valid_until || null,
        signatory: { position: v.signatory.position.trim() || null, name: v.signatory.name.trim(), acting: v.signatory.acting.trim() },
        bank_account_id: v.bank_account_id,
      }),
    onSuccess: (doc) => {
      notifySuccess(t('documents.contract.created', { number: doc.number }));
      onCreated(doc);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setMissing(error.errors.filter((e) => REQUISITES.includes(e.field)));
        const others = { errors: error.errors.filter((e) => !REQUISITES.includes(e.field)) };
        setUnplaced(applyProblemToForm(form, others, { message: fieldErrorMessage }));
      } else {
        setMissing([]);
        setUnplaced(null);
      }
    },
  });

  const clientFix = missing.some((e) => e.field.startsWith('counterparty.'));
  const dealFix = missing.some((e) => e.field === 'counterparty');
  const orgFix = missing.some((e) => e.field === 'organization');

  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.contract.title')} size="xl" fullScreen={phone}>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {missing.length > 0 && (
            <Alert color="orange" title={t('documents.contract.missingTitle')} role="alert">
              <List size="sm">
                {missing.map((e) => (
                  <List.Item key={e.field}>{textOr(`documents.contract.missing.${e.field.replace('.', '_')}`, fieldErrorMessage(e))}</List.Item>
                ))}
              </List>
              <Stack gap={2} mt="xs">
                {clientFix && canClients && deal.client_id && (
                  <Anchor component={Link} to={`/clients/${deal.client_id}?tab=counterparties`} size="sm">
                    {t('documents.contract.fixClient')}
                  </Anchor>
                )}
                {dealFix && (
                  <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" onClick={onClose}>
                    {t('documents.contract.fixDeal')}
                  </Anchor>
                )}
                {orgFix && canOrganizations && (
                  <Anchor component={Link} to="/admin/requisites" size="sm">
                    {t('documents.contract.fixOrganization')}
                  </Anchor>
                )}
              </Stack>
            </Alert>
          )}
          {mutation.isError && (missing.length === 0 || (unplaced?.length ?? 0) > 0) && (
            <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />
          )}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Select
                label={t('documents.contract.kind')}
                required
                allowDeselect={false}
                data={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`documents.contract.kinds.${k}`) }))}
                data-autofocus
                {...form.getInputProps('kind')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField
                label={t('documents.contract.validUntil')}
                description={t('documents.contract.validUntilHint')}
                minDate={todayIso()}
                clearable
                clearButtonProps={{ 'aria-label': t('documents.clear') }}
                {...form.getInputProps('valid_until')}
              />
            </Grid.Col>
          </Grid>
          <Text size="sm" fw={600}>
            {t('documents.contract.signatory')}
          </Text>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput
                label={t('documents.contract.position')}
                placeholder={t('documents.contract.positionPlaceholder')}
                {...form.getInputProps('signatory.position')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput
                label={t('documents.contract.name')}
                placeholder={t('documents.contract.namePlaceholder')}
                required
                {...form.getInputProps('signatory.name')}
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t('documents.contract.acting')}
            description={t('documents.contract.actingHint')}
            placeholder={t('documents.contract.actingPlaceholder')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('signatory.acting')}
          />
          {accounts.length > 1 && (
            <Select
              label={t('documents.contract.account')}
              description={t('documents.contract.accountHint')}
              clearable
              clearButtonProps={{ 'aria-label': t('documents.clear') }}
              data={accounts.map((a) => ({ value: a.id, label: `${a.account_number} — ${a.bank_name}` }))}
              {...form.getInputProps('bank_account_id')}
            />
          )}
          <Text size="xs" c="dimmed">
            {t('documents.contract.specification')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('documents.contract.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
