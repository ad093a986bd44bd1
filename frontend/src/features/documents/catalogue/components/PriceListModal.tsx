import { Alert, Button, Grid, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../../shared/ui/DateField';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { catalogueKeys, createPriceList, priceListQuery, updatePriceList, type PriceList, type PriceListBody } from '../api/catalogue';
import { CURRENCIES, emptyPriceList, priceListPayload, priceListValues, today, type PriceListValues } from '../model/priceList';

/** Creates a price list (then opens it) or edits its name, currency and period. */
export function PriceListModal({ list, opened, onClose }: { list?: PriceList; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(list?.version);
  const initial = () => (list ? priceListValues(list) : emptyPriceList(today()));
  const form = useForm<PriceListValues>({
    initialValues: initial(),
    validate: {
      name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      valid_from: (v) => dateFieldError(v, { required: true }),
      valid_to: (v) => dateFieldError(v),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initial());
    form.clearErrors();
    setVersion(list?.version);
    setConflict(false);
    setUnplaced(null);
    mutation.reset();
    // Re-initialise only when the dialog opens.
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (body: PriceListBody) => (list ? updatePriceList(list.id, body) : createPriceList(body)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.priceLists() });
      onClose();
      if (list) notifySuccess(t('catalogue.priceLists.saved'));
      else {
        notifySuccess(t('catalogue.priceLists.created', { name: saved.name }));
        void navigate(`/catalogue/price-lists/${saved.id}`);
      }
    },
    onError: async (error) => {
      setUnplaced(null);
      if (list && error instanceof ApiProblem && error.code === 'version_conflict') {
        setConflict(true);
        const fresh = await queryClient.fetchQuery({ ...priceListQuery(list.id), staleTime: 0 });
        form.setValues(priceListValues(fresh.list));
        setVersion(fresh.list.version);
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={list ? t('catalogue.priceLists.editTitle') : t('catalogue.priceLists.newTitle')}
      size="lg"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setConflict(false);
          mutation.mutate(priceListPayload(v, list ? version : undefined));
        })}
      >
        <Stack>
          {conflict && (
            <Alert color="orange" title={t('catalogue.priceLists.versionConflict')} role="alert">
              {t('catalogue.items.versionConflictHint')}
            </Alert>
          )}
          {mutation.isError && !conflict && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label={t('catalogue.priceLists.fields.name')} required {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NativeSelect
                label={t('catalogue.priceLists.fields.currency')}
                data={CURRENCIES.map((c) => ({ value: c, label: t(`catalogue.priceLists.currency.${c}`) }))}
                {...form.getInputProps('currency')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField label={t('catalogue.priceLists.fields.valid_from')} required {...form.getInputProps('valid_from')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField
                label={t('catalogue.priceLists.fields.valid_to')}
                description={t('catalogue.priceLists.fields.valid_toHint')}
                clearable
                {...form.getInputProps('valid_to')}
              />
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {list ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
