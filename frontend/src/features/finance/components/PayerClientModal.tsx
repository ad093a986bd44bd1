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
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clientOptionKeys } from '../../../shared/api/clients';
import { ApiProblem, isProblemCode, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  createPayerClient,
  setPaymentClient,
  similarClientsQuery,
  type PaymentDetail,
  type SimilarClient,
  type SimilarQuery,
} from '../api/finance';
import {
  COUNTERPARTY_KINDS,
  payerClientDraft,
  payerClientFormPath,
  payerClientInputs,
  payerClientProblems,
  payerClientRequest,
  similarProbe,
  type CounterpartyKind,
  type PayerClientValues,
} from '../model/payerClient';

/**
 * «Создать клиента из реквизитов плательщика»: the payer of a payment nobody's becomes a client —
 * the form filled from the payment, then one request (POST /payments/{id}/payer-client, for whoever
 * records payments) that creates the client with the payer as its counterparty, the payer's account
 * on it, and sets it on the payment, all or nothing. A client like it that exists already is
 * offered first, and picking it only sets it on the payment.
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
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [askConfirm, setAskConfirm] = useState(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** What was refused with no input of its own is said in an alert above the form: into view with it. */
  const showAlert = () => requestAnimationFrame(() => formRef.current?.querySelector('[role="alert"]')?.scrollIntoView?.({ block: 'nearest' }));
  const form = useForm<PayerClientValues>({
    // Its inputs are found by `data-path` in the whole document: named apart from the drawer's.
    name: 'payer-client',
    initialValues: payerClientDraft(p),
    validate: (values) => {
      const problems = payerClientProblems(values);
      return Object.fromEntries(Object.keys(problems).map((path) => [path, t('fieldErrors.required')]));
    },
  });

  useEffect(() => {
    if (!opened) return;
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

  /**
   * The button is at the bottom of a long form (a whole screen on a phone): what it was refused for
   * comes into view — the first input refused, with the focus on it.
   */
  const focusFirst = (paths: string[]) => {
    const first = payerClientInputs(form.getValues()).find((path) => paths.includes(path));
    if (first) form.getInputNode(first)?.focus();
    return !!first;
  };

  const v = form.values;
  const similar = useSimilar(similarProbe(v), opened);
  const similarIds = similar.map((s) => s.client.id).join(',');
  const confirmed = similarIds === '' || confirmedFor === similarIds;

  const save = useMutation({
    mutationFn: (values: PayerClientValues) => createPayerClient(p.id, payerClientRequest(values, p.version)),
    onSuccess: (updated, values) => {
      void queryClient.invalidateQueries({ queryKey: clientOptionKeys.all });
      notifySuccess(t('finance.payerClient.done', { name: updated.client_name ?? values.name.trim() }));
      onLinked(updated);
    },
    onError: (error, values) => {
      setUnplaced(null);
      if (isProblemCode(error, 'version_conflict')) onConflict(error);
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        // The server names the request's fields (`client.counterparty.kpp`, `account.bik`): each goes
        // under its input; what fits none (the whole `client` or `account`) above the form, unprefixed.
        const inputs = payerClientInputs(values);
        const rest = applyProblemToForm(form, error, {
          message: fieldErrorMessage,
          rename: Object.fromEntries(error.errors.map((e) => [e.field, payerClientFormPath(e.field) ?? ''])),
          hasField: (path) => inputs.includes(path),
        });
        setUnplaced(rest.map((e) => ({ ...e, field: payerClientFormPath(e.field) ?? '' })));
        if (focusFirst(error.errors.map((e) => payerClientFormPath(e.field) ?? ''))) return;
      }
      showAlert();
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
      showAlert();
    },
  });

  const submit = (values: PayerClientValues) => {
    if (!confirmed) {
      setAskConfirm(true);
      // The similar clients are above, out of sight on a phone: the «another one» box is what to tick.
      confirmRef.current?.focus();
      return;
    }
    save.mutate(values);
  };

  const kind = v.counterparty.kind;
  const busy = save.isPending || pick.isPending;

  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.payerClient.title')} size="lg" fullScreen={phone}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, (errors) => focusFirst(Object.keys(errors)))}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('finance.payerClient.hint')}
          </Text>
          {similar.length > 0 && (
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
                ref={confirmRef}
                mt="sm"
                label={t('finance.payerClient.confirm')}
                checked={confirmed}
                onChange={(e) => setConfirmedFor(e.currentTarget.checked ? similarIds : null)}
                error={askConfirm && !confirmed ? t('finance.payerClient.confirmRequired') : undefined}
              />
            </Alert>
          )}
          {pick.isError && <ProblemAlert error={pick.error} />}
          {save.isError &&
            (isProblemCode(save.error, 'version_conflict') ? (
              <Alert color="orange" role="alert">
                {t('finance.payerClient.conflict')}
              </Alert>
            ) : (
              <ProblemAlert error={save.error} rest={unplaced ?? undefined} />
            ))}

          <Fieldset legend={t('finance.payerClient.clientSection')}>
            <TextInput
              label={t('finance.payerClient.name')}
              description={t('finance.payerClient.nameHint')}
              required
              maxLength={300}
              {...form.getInputProps('name')}
            />
          </Fieldset>

          <Fieldset legend={t('finance.payerClient.counterpartySection')}>
            <Stack gap="sm">
              <div>
                <Text size="sm" fw={500} id="payer-client-kind" mb={4}>
                  {t('finance.payerClient.kind')}
                </Text>
                <SegmentedControl
                  fullWidth
                  aria-labelledby="payer-client-kind"
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
                      description={p.party_kpp ? t('finance.payerClient.kppFromStatement') : t('finance.payerClient.kppHint')}
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

          <Checkbox label={t('finance.payerClient.withAccount')} {...form.getInputProps('with_account', { type: 'checkbox' })} />
          {v.with_account && (
            <Fieldset legend={t('finance.payerClient.accountSection')}>
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
              {t('finance.payerClient.submit')}
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
