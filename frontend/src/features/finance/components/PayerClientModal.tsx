import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clientOptionKeys } from '../../../shared/api/clients';
import { ApiProblem, isProblemCode, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  addBankAccount,
  createClient,
  setPaymentClient,
  similarClientsQuery,
  type NewClient,
  type PaymentDetail,
  type SimilarClient,
  type SimilarQuery,
} from '../api/finance';
import {
  COUNTERPARTY_KINDS,
  payerAccountPayload,
  payerClientDraft,
  payerClientPayload,
  payerClientProblems,
  similarProbe,
  type CounterpartyKind,
  type PayerClientValues,
} from '../model/payerClient';

/** Which request of the three failed: the client's, the account's or the payment's. */
class StepFailed extends Error {
  constructor(
    readonly step: 'client' | 'account' | 'link',
    readonly problem: unknown,
  ) {
    super(step);
  }
}

/** The account's field errors name the bank-account body's fields. */
const ACCOUNT_FIELDS = { account_number: 'account.account_number', bik: 'account.bik', bank_name: 'account.bank_name' };

/**
 * «Создать клиента из реквизитов плательщика»: the payer of a payment nobody's becomes a client —
 * the form filled from the payment, then POST /clients (with the payer as its counterparty), the
 * payer's account on that counterparty, and the client set on the payment. A client like it that
 * exists already is offered first; a step that fails leaves what was done (the client is not
 * created twice on a retry).
 */
export function PayerClientModal({
  payment: p,
  opened,
  onClose,
  onLinked,
  onConflict,
}: {
  payment: PaymentDetail;
  opened: boolean;
  onClose: () => void;
  onLinked: (updated: PaymentDetail) => void;
  /** Someone changed the payment meanwhile (the drawer reads it again). */
  onConflict: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  // What was done for this payment survives closing the dialog: a retry does not create the client twice.
  const [done, setDone] = useState<{ paymentId: string; client: NewClient; accountSaved: boolean } | null>(null);
  const created = done?.paymentId === p.id ? done.client : null;
  const accountSaved = !!created && !!done?.accountSaved;
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [askConfirm, setAskConfirm] = useState(false);
  const form = useForm<PayerClientValues>({
    initialValues: payerClientDraft(p),
    validate: (values) => {
      const problems = payerClientProblems(values);
      return Object.fromEntries(Object.keys(problems).map((path) => [path, t('fieldErrors.required')]));
    },
  });

  useEffect(() => {
    if (!opened || created) return;
    const draft = payerClientDraft(p);
    form.setValues(draft);
    form.resetDirty(draft);
    form.clearErrors();
    setUnplaced(null);
    setConfirmedFor(null);
    setAskConfirm(false);
    save.reset();
    pick.reset();
    // Filled afresh each time the dialog opens (for the payment it is opened on).
  }, [opened, p.id]);

  const v = form.values;
  const similar = useSimilar(similarProbe(v), opened && !created);
  const similarIds = similar.map((s) => s.client.id).join(',');
  const confirmed = similarIds === '' || confirmedFor === similarIds;

  const save = useMutation({
    mutationFn: async (values: PayerClientValues) => {
      let client = created;
      if (!client) {
        try {
          client = await createClient(payerClientPayload(values));
        } catch (e) {
          throw new StepFailed('client', e);
        }
        setDone({ paymentId: p.id, client, accountSaved: false });
        void queryClient.invalidateQueries({ queryKey: clientOptionKeys.all });
      }
      const counterparty = client.counterparties[0];
      if (values.with_account && !accountSaved && counterparty) {
        try {
          await addBankAccount(counterparty.id, payerAccountPayload(values));
        } catch (e) {
          throw new StepFailed('account', e);
        }
        setDone({ paymentId: p.id, client, accountSaved: true });
      }
      try {
        return { updated: await setPaymentClient(p.id, p.version, client.id), client };
      } catch (e) {
        throw new StepFailed('link', e);
      }
    },
    onSuccess: ({ updated, client }) => {
      notifySuccess(t('finance.payerClient.done', { name: client.name }));
      onLinked(updated);
    },
    onError: (error) => {
      setUnplaced(null);
      if (!(error instanceof StepFailed)) return;
      const problem = error.problem;
      if (error.step === 'link' && isProblemCode(problem, 'version_conflict')) onConflict(problem);
      if (problem instanceof ApiProblem && problem.code === 'validation_failed' && error.step !== 'link') {
        setUnplaced(applyProblemToForm(form, problem, { message: fieldErrorMessage, rename: error.step === 'account' ? ACCOUNT_FIELDS : undefined }));
      }
    },
  });

  const pick = useMutation({
    mutationFn: (client: SimilarClient['client']) => setPaymentClient(p.id, p.version, client.id),
    onSuccess: (updated, client) => {
      notifySuccess(t('finance.payerClient.picked', { name: client.name }));
      onLinked(updated);
    },
    onError: (error) => {
      if (isProblemCode(error, 'version_conflict')) onConflict(error);
    },
  });

  const submit = (values: PayerClientValues) => {
    if (!created && !confirmed) {
      setAskConfirm(true);
      return;
    }
    save.mutate(values);
  };

  const failure = save.error instanceof StepFailed ? save.error.problem : save.error;
  const kind = v.counterparty.kind;
  const busy = save.isPending || pick.isPending;

  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.payerClient.title')} size="lg" fullScreen={phone}>
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('finance.payerClient.hint')}
          </Text>
          {!created && similar.length > 0 && (
            <Alert color="yellow" title={t('finance.payerClient.similarTitle')} role="status">
              <Text size="sm" mb="xs">
                {t('finance.payerClient.similarText')}
              </Text>
              <List spacing="xs" size="sm" listStyleType="none" ml={0} pl={0}>
                {similar.map(({ client, reasons }) => (
                  <List.Item key={client.id}>
                    <Group gap="xs" wrap="wrap" justify="space-between">
                      <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
                        <Anchor component={Link} to={`/clients/${client.id}`} target="_blank" size="sm" fw={500}>
                          {client.name}
                        </Anchor>
                        {client.inn && (
                          <Text size="xs" c="dimmed">
                            {t('finance.payments.inn', { inn: client.inn })}
                          </Text>
                        )}
                        {reasons.map((r) => (
                          <Badge key={r} size="xs" color="yellow" variant="light">
                            {t(`finance.payerClient.similarReasons.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => pick.mutate(client)}
                        loading={pick.isPending && pick.variables?.id === client.id}
                        disabled={busy && !(pick.isPending && pick.variables?.id === client.id)}
                        aria-label={t('finance.payerClient.pickLabel', { name: client.name })}
                      >
                        {t('finance.payerClient.pick')}
                      </Button>
                    </Group>
                  </List.Item>
                ))}
              </List>
              <Checkbox
                mt="sm"
                label={t('finance.payerClient.confirm')}
                checked={confirmed}
                onChange={(e) => setConfirmedFor(e.currentTarget.checked ? similarIds : null)}
                error={askConfirm && !confirmed ? t('finance.payerClient.confirmRequired') : undefined}
              />
            </Alert>
          )}
          {pick.isError && <ProblemAlert error={pick.error} />}
          {created && (
            <Alert color="orange" role="status">
              {t('finance.payerClient.created', { name: created.name })}
            </Alert>
          )}
          {save.isError && <ProblemAlert error={failure} rest={unplaced ?? undefined} />}

          <Fieldset legend={t('finance.payerClient.clientSection')} disabled={!!created}>
            <TextInput
              label={t('finance.payerClient.name')}
              description={t('finance.payerClient.nameHint')}
              required
              maxLength={300}
              {...form.getInputProps('name')}
            />
          </Fieldset>

          <Fieldset legend={t('finance.payerClient.counterpartySection')} disabled={!!created}>
            <Stack gap="sm">
              <div>
                <Text size="sm" fw={500} id="payer-client-kind" mb={4}>
                  {t('finance.payerClient.kind')}
                </Text>
                <SegmentedControl
                  fullWidth
                  aria-labelledby="payer-client-kind"
                  disabled={!!created}
                  data={COUNTERPARTY_KINDS.map((k) => ({ value: k, label: t(`finance.payerClient.kinds.${k}`) }))}
                  value={kind}
                  onChange={(value) => form.setFieldValue('counterparty.kind', value as CounterpartyKind)}
                />
              </div>
              <TextInput label={t('finance.payerClient.legalName')} required maxLength={300} {...form.getInputProps('counterparty.name')} />
              <Grid>
                <Grid.Col span={{ base: 12, xs: kind === 'legal_entity' ? 6 : 12 }}>
                  <TextInput
                    label={t('finance.payerClient.inn')}
                    required={kind !== 'person'}
                    inputMode="numeric"
                    maxLength={kind === 'legal_entity' ? 10 : 12}
                    {...form.getInputProps('counterparty.inn')}
                  />
                </Grid.Col>
                {kind === 'legal_entity' && (
                  <Grid.Col span={{ base: 12, xs: 6 }}>
                    <TextInput
                      label={t('finance.payerClient.kpp')}
                      description={t('finance.payerClient.kppHint')}
                      // The hint under the input: the INN's and the KPP's inputs stay on one line.
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      required
                      maxLength={9}
                      {...form.getInputProps('counterparty.kpp')}
                    />
                  </Grid.Col>
                )}
              </Grid>
            </Stack>
          </Fieldset>

          <Checkbox label={t('finance.payerClient.withAccount')} disabled={accountSaved} {...form.getInputProps('with_account', { type: 'checkbox' })} />
          {v.with_account && (
            <Fieldset legend={t('finance.payerClient.accountSection')} disabled={accountSaved}>
              <Grid>
                <Grid.Col span={{ base: 12, xs: 7 }}>
                  <TextInput label={t('finance.payerClient.account')} required inputMode="numeric" maxLength={24} {...form.getInputProps('account.account_number')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 5 }}>
                  <TextInput
                    label={t('finance.payerClient.bik')}
                    description={v.account.bank_name || undefined}
                    required
                    inputMode="numeric"
                    maxLength={11}
                    {...form.getInputProps('account.bik')}
                  />
                </Grid.Col>
              </Grid>
            </Fieldset>
          )}

          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={pick.isPending}>
              {created ? t('finance.payerClient.link') : t('finance.payerClient.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Clients like the one being made (debounced; nothing asked for an empty probe). */
function useSimilar(probe: SimilarQuery, enabled: boolean): SimilarClient[] {
  const [debounced] = useDebouncedValue(JSON.stringify(probe), 400);
  const query = JSON.parse(debounced) as SimilarQuery;
  const asked = enabled && Object.keys(query).length > 0;
  const result = useQuery({ ...similarClientsQuery(query), enabled: asked });
  return asked ? (result.data ?? []) : [];
}
