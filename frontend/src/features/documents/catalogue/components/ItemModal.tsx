import { Alert, Button, Checkbox, Fieldset, Grid, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { catalogueKeys, createItem, itemQuery, updateItem, type CatalogueItem, type ItemBody } from '../api/catalogue';
import { DEFAULT_UNIT, ITEM_KINDS, UNITS, VAT_KINDS, emptyItem, itemPayload, itemValues, type ItemValues } from '../model/item';
import { parseDecimalInput } from '../../../../shared/format/decimal';
import { unitLabel } from './labels';

/** Creates an item (no `item`) or edits one: the whole item is sent, with the version read. */
export function ItemModal({ item, opened, onClose }: { item?: CatalogueItem; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(item?.version);
  const initial = () => (item ? itemValues(item) : emptyItem());
  const form = useForm<ItemValues>({
    initialValues: initial(),
    validate: {
      name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      tile: {
        tile_type: (v, values) => (values.kind === 'tile' && !v.trim() ? t('fieldErrors.required') : null),
        colour: (v, values) => (values.kind === 'tile' && !v.trim() ? t('fieldErrors.required') : null),
        size: (v, values) => (values.kind === 'tile' && !v.trim() ? t('fieldErrors.required') : null),
        thickness_mm: (v, values) =>
          values.kind !== 'tile'
            ? null
            : !v.trim()
              ? t('fieldErrors.required')
              : parseDecimalInput(v, 6) === undefined
                ? t('catalogue.items.notANumber')
                : null,
      },
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initial());
    form.resetDirty(initial());
    form.clearErrors();
    setVersion(item?.version);
    setConflict(false);
    setUnplaced(null);
    mutation.reset();
    // Re-initialise only when the dialog opens.
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (body: ItemBody) => (item ? updateItem(item.id, body) : createItem(body)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.items() });
      // A renamed item is renamed in the price lists that have it.
      if (item) void queryClient.invalidateQueries({ queryKey: catalogueKeys.priceLists() });
      notifySuccess(item ? t('catalogue.items.saved') : t('catalogue.items.created', { name: saved.name }));
      onClose();
    },
    onError: async (error) => {
      setUnplaced(null);
      if (item && error instanceof ApiProblem && error.code === 'version_conflict') {
        // Someone saved first: show their version; the user re-applies the change knowingly.
        setConflict(true);
        const fresh = await queryClient.fetchQuery({ ...itemQuery(item.id), staleTime: 0 });
        form.setValues(itemValues(fresh));
        setVersion(fresh.version);
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  const isTile = form.values.kind === 'tile';
  const showError = mutation.isError && !conflict;

  return (
    <Modal opened={opened} onClose={onClose} title={item ? t('catalogue.items.editTitle') : t('catalogue.items.newTitle')} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setConflict(false);
          mutation.mutate(itemPayload(v, item ? version : undefined));
        })}
      >
        <Stack>
          {conflict && (
            <Alert color="orange" title={t('catalogue.items.versionConflict')} role="alert">
              {t('catalogue.items.versionConflictHint')}
            </Alert>
          )}
          {showError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NativeSelect
                label={t('catalogue.items.fields.kind')}
                data={ITEM_KINDS.map((k) => ({ value: k, label: t(`catalogue.kind.${k}`) }))}
                {...form.getInputProps('kind')}
                onChange={(e) => {
                  const kind = e.currentTarget.value as ItemValues['kind'];
                  // A new item's unit follows its kind until the person picks one.
                  if (!item && !form.isDirty('unit')) form.setFieldValue('unit', DEFAULT_UNIT[kind]);
                  form.setFieldValue('kind', kind);
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label={t('catalogue.items.fields.name')} required maxLength={300} {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('catalogue.items.fields.article')} maxLength={50} {...form.getInputProps('article')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NativeSelect
                label={t('catalogue.items.fields.unit')}
                data={UNITS.map((u) => ({ value: u, label: unitLabel(t, u) }))}
                {...form.getInputProps('unit')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NativeSelect
                label={t('catalogue.items.fields.vat_kind')}
                data={VAT_KINDS.map((k) => ({ value: k, label: t(`catalogue.vat.${k}`) }))}
                {...form.getInputProps('vat_kind')}
              />
            </Grid.Col>
          </Grid>
          {isTile && (
            <Fieldset legend={t('catalogue.items.tileSection')}>
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={t('catalogue.items.tile.tile_type')}
                    placeholder={t('catalogue.items.tile.tile_typePlaceholder')}
                    required
                    {...form.getInputProps('tile.tile_type')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput label={t('catalogue.items.tile.colour')} required {...form.getInputProps('tile.colour')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={t('catalogue.items.tile.size')}
                    placeholder={t('catalogue.items.tile.sizePlaceholder')}
                    description={t('catalogue.items.tile.sizeHint')}
                    required
                    {...form.getInputProps('tile.size')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={t('catalogue.items.tile.thickness_mm')}
                    description="5–100"
                    inputMode="decimal"
                    required
                    {...form.getInputProps('tile.thickness_mm')}
                  />
                </Grid.Col>
              </Grid>
            </Fieldset>
          )}
          <Textarea label={t('catalogue.items.fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
          {item && <Checkbox label={t('catalogue.items.fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {item ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
