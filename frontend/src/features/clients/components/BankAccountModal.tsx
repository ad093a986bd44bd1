import { Button, Grid, Group, Loader, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { digitsOnly } from '../../../shared/format/format';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage, problemMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { addBankAccount, bankQuery, bankSearchQuery, clientKeys } from '../api/clients';

interface Values {
  bik: string;
  account_number: string;
}

/** A new bank account: typing a 9-digit BIK fills the bank from the Central Bank directory. */
export function BankAccountModal({
  counterpartyId,
  clientId,
  opened,
  onClose,
}: {
  counterpartyId: string;
  clientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [bankSearch, setBankSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(bankSearch, 300);
  const found = useQuery({ ...bankSearchQuery(debouncedSearch), enabled: opened && debouncedSearch.trim().length >= 2 });
  const form = useForm<Values>({ initialValues: { bik: '', account_number: '' } });
  const bik = digitsOnly(form.values.bik);
  const bank = useQuery({ ...bankQuery(bik), enabled: opened && bik.length === 9 });
  const unknownBik = bik.length === 9 && bank.isError && bank.error instanceof ApiProblem && bank.error.status === 404;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      addBankAccount(counterpartyId, { bik: digitsOnly(v.bik), account_number: digitsOnly(v.account_number) }),
    onSuccess: () => {
      notifySuccess(t('bankAccounts.added'));
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      form.reset();
      onClose();
    },
    onError: (e) => {
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      );
    },
  });

  const bikInput = form.getInputProps('bik');
  const bikError =
    bikInput.error ??
    (unknownBik ? t('bankAccounts.unknownBik') : bik.length === 9 && bank.isError ? problemMessage(bank.error) : undefined);

  return (
    <Modal opened={opened} onClose={onClose} title={t('bankAccounts.newTitle')} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          if (!unknownBik) mutation.mutate(v);
        })}
      >
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={12}>
              {/* Not everyone knows the BIK by heart: the directory by name or city fills it. */}
              <Select
                label={t('bankAccounts.findBank')}
                placeholder={t('bankAccounts.findBankPlaceholder')}
                searchable
                clearable
                value={null}
                searchValue={bankSearch}
                onSearchChange={setBankSearch}
                filter={({ options }) => options}
                nothingFoundMessage={debouncedSearch.trim().length >= 2 && found.isSuccess ? t('bankAccounts.nothingFound') : null}
                data={(found.data ?? []).map((b) => ({ value: b.bik, label: `${b.name}${b.city ? `, ${b.city}` : ''} — ${b.bik}` }))}
                onChange={(v) => {
                  if (v) form.setFieldValue('bik', v);
                  setBankSearch('');
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('bankAccounts.fields.bik')}
                description={t('bankAccounts.bikHint')}
                required
                inputMode="numeric"
                maxLength={9}
                {...bikInput}
                error={bikError}
                rightSection={bank.isFetching ? <Loader size="xs" aria-label={t('bankAccounts.lookingUp')} /> : null}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t('bankAccounts.fields.account_number')}
                required
                inputMode="numeric"
                maxLength={20}
                {...form.getInputProps('account_number')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('bankAccounts.fields.bank_name')} readOnly variant="filled" value={bank.data?.name ?? ''} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('bankAccounts.fields.city')} readOnly variant="filled" value={bank.data?.city ?? ''} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label={t('bankAccounts.fields.corr_account')}
                readOnly
                variant="filled"
                value={bank.data?.corr_account ?? ''}
              />
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={unknownBik}>
              {t('bankAccounts.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
