// The individual offer's editor, in a large dialog: lines with the catalogue search (an item
// fills its name, unit, VAT by its kind on today's date and the price from the chosen price
// list), quantity, price with VAT, discount and VAT, and the totals computed live exactly as the
// server will (`model/totals`). It starts where the server says (`/offers/draft`): the current
// offer's lines to make its next version, or the delivery line from the logistician's answer.
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoney } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  catalogueSearchQuery,
  createOffer,
  documentQuery,
  itemPrice,
  offerDraftQuery,
  priceListsQuery,
  UNITS,
  type CatalogueItem,
  type DealForDocuments,
  type DocumentSummary,
  type DocumentView,
  type OfferStart,
} from '../api/documents';
import { toDecimalString, toInputText, toPlainString } from '../model/decimal';
import {
  calculate,
  DISCOUNT_SCALE,
  parseLine,
  PRICE_SCALE,
  QUANTITY_SCALE,
  rateForKind,
  ratesOn,
  type LineErrors,
  type LineProblem,
  type LineText,
} from '../model/totals';
import { textOr } from './labels';
import { todayIso } from './today';

interface LineValues extends LineText {
  /** A stable key for React (lines are added and removed). */
  key: string;
  item_id: string | null;
  /** The picked item's name: typing another name makes the line free text again. */
  item_name: string | null;
  name: string;
  article: string;
  unit: string;
  /** A note under the line (no price in the list…). */
  note: string;
}

interface Values {
  lines: LineValues[];
  valid_until: string;
  terms: string;
}

let keySeq = 0;
const newKey = () => `l${++keySeq}`;

const blankLine = (date: string): LineValues => ({
  key: newKey(),
  item_id: null,
  item_name: null,
  name: '',
  article: '',
  unit: 'pcs',
  quantity: '',
  price: '',
  discount_pct: '',
  vat: ratesOn(date)[0]!,
  note: '',
});

const fromDraft = (lines: OfferStart['lines']): LineValues[] =>
  lines.map((l) => ({
    key: newKey(),
    item_id: l.item_id ?? null,
    item_name: l.item_id ? l.name : null,
    name: l.name,
    article: l.article ?? '',
    unit: l.unit,
    quantity: toInputText(l.quantity),
    price: toInputText(l.price),
    discount_pct: /^0*(\.0*)?$/.test(l.discount_pct) ? '' : toInputText(l.discount_pct),
    vat: l.vat,
    note: '',
  }));

/** `lines[2].quantity` → `lines.2.quantity` (the form's paths). */
const formPath = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

export function OfferEditor({
  deal,
  opened,
  current,
  onClose,
  onSaved,
}: {
  deal: DealForDocuments;
  opened: boolean;
  /** The current offer when making its next version. */
  current?: DocumentSummary;
  onClose: () => void;
  onSaved: (doc: DocumentView) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const today = todayIso();
  const draft = useQuery({ ...offerDraftQuery(deal.id), enabled: opened });
  const currentDoc = useQuery({ ...documentQuery(current?.id ?? ''), enabled: opened && !!current });
  const catalogue = useQuery({ ...catalogueSearchQuery(''), enabled: opened });
  const catalogueOff = catalogue.isError && catalogue.error instanceof ApiProblem && catalogue.error.status === 403;
  const priceLists = useQuery({ ...priceListsQuery, enabled: opened && !catalogueOff });
  const [priceListId, setPriceListId] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [loaded, setLoaded] = useState(false);

  const form = useForm<Values>({ initialValues: { lines: [], valid_until: '', terms: '' } });

  useEffect(() => {
    if (!opened) {
      setLoaded(false);
      return;
    }
    if (loaded || !draft.data || (current && !currentDoc.data && !currentDoc.isError)) return;
    const lines = fromDraft(draft.data.lines);
    form.setValues({
      lines: lines.length ? lines : [blankLine(today)],
      valid_until: draft.data.valid_until,
      terms: currentDoc.data?.terms ?? '',
    });
    form.clearErrors();
    form.resetDirty();
    setSubmitted(false);
    setUnplaced(null);
    setLoaded(true);
  }, [opened, draft.data, currentDoc.data, currentDoc.isError, loaded]);

  // The list in force today (roubles first) until the person picks another.
  useEffect(() => {
    if (!opened || priceListId || !priceLists.data?.length) return;
    const valid = priceLists.data.filter((p) => p.valid_from <= today && (!p.valid_to || p.valid_to >= today));
    const pick = valid.find((p) => p.currency === 'RUB') ?? valid[0] ?? priceLists.data[0];
    setPriceListId(pick?.id ?? null);
  }, [opened, priceLists.data]);

  const calc = useMemo(() => calculate(form.values.lines), [form.values.lines]);
  const rates = ratesOn(today);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createOffer(deal.id, {
        lines: v.lines.map((l) => {
          const parsed = parseLine(l);
          if (!parsed.ok) throw new Error('unchecked line');
          return {
            item_id: l.item_id,
            name: l.name.trim(),
            article: l.article.trim() || null,
            unit: l.unit,
            quantity: toPlainString(parsed.line.quantity, QUANTITY_SCALE),
            price: toDecimalString(parsed.line.price, PRICE_SCALE),
            discount_pct: toPlainString(parsed.line.discount, DISCOUNT_SCALE),
            vat: l.vat,
          };
        }),
        valid_until: v.valid_until || null,
        terms: v.terms.trim() || null,
        replaces: draft.data?.replaces ?? null,
      }),
    onSuccess: (doc) => {
      notifySuccess(t('documents.editor.saved', { number: `${doc.number}, ред. ${doc.version_no}` }));
      onSaved(doc);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const renamed = { errors: error.errors.map((e) => ({ ...e, field: formPath(e.field) })) };
        setUnplaced(applyProblemToForm(form, renamed, { message: fieldErrorMessage }));
      } else setUnplaced(null);
    },
  });

  const submit = () => {
    setSubmitted(true);
    const names = form.values.lines.every((l) => l.name.trim());
    const dateError = dateFieldError(form.values.valid_until);
    if (dateError) form.setFieldError('valid_until', dateError);
    if (!calc.complete || !names || dateError) return;
    mutation.mutate(form.values);
  };

  const pick = async (index: number, item: CatalogueItem) => {
    form.setFieldValue(`lines.${index}.item_id`, item.id);
    form.setFieldValue(`lines.${index}.item_name`, item.name);
    form.setFieldValue(`lines.${index}.name`, item.name);
    form.setFieldValue(`lines.${index}.article`, item.article ?? '');
    form.setFieldValue(`lines.${index}.unit`, item.unit);
    form.setFieldValue(`lines.${index}.vat`, rateForKind(item.vat_kind, today));
    form.setFieldValue(`lines.${index}.note`, '');
    if (!priceListId) return;
    try {
      const price = await itemPrice(priceListId, item.id, today);
      if (price === null) form.setFieldValue(`lines.${index}.note`, t('documents.editor.noPrice'));
      else form.setFieldValue(`lines.${index}.price`, toInputText(price));
    } catch (e) {
      notifyProblem(e);
      form.setFieldValue(`lines.${index}.note`, t('documents.editor.priceFailed'));
    }
  };

  const title = current
    ? t('documents.editor.titleRevise', { number: current.number, version: current.version_no + 1 })
    : t('documents.editor.titleNew');
  // Until the lines are where the server says, show no form: typing into the last session's
  // values would be overwritten when they arrive.
  const busy = !loaded;

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="100%" fullScreen={phone} closeOnClickOutside={false}>
      {draft.isError ? (
        <ProblemAlert error={draft.error} onRetry={() => void draft.refetch()} />
      ) : busy ? (
        <Group>
          <Loader size="sm" />
          <Text size="sm">{t('documents.editor.loading')}</Text>
        </Group>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {current ? t('documents.editor.reviseHint') : t('documents.editor.newHint')}
            </Text>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            {catalogueOff ? (
              <Alert color="gray" variant="light" py="xs">
                {t('documents.editor.catalogueOff')}
              </Alert>
            ) : (
              <Select
                label={t('documents.editor.priceList')}
                description={priceLists.data?.length === 0 ? t('documents.editor.noPriceLists') : t('documents.editor.priceListHint')}
                data={(priceLists.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.currency})` }))}
                value={priceListId}
                onChange={setPriceListId}
                maw={480}
                allowDeselect={false}
              />
            )}
            {form.values.lines.map((line, i) => (
              <LineEditor
                key={line.key}
                index={i}
                line={line}
                rates={rates}
                errors={calc.lines[i] && 'errors' in calc.lines[i] ? calc.lines[i].errors : {}}
                amounts={calc.lines[i] && 'amount' in calc.lines[i] ? calc.lines[i] : null}
                serverErrors={form.errors}
                submitted={submitted}
                catalogue={!catalogueOff}
                canRemove={form.values.lines.length > 1}
                onChange={(field, value) => {
                  form.setFieldValue(`lines.${i}.${field}`, value);
                  form.clearFieldError(`lines.${i}.${field}`);
                  // Another name than the picked item's: a free-text line.
                  if (field === 'name' && line.item_id && value !== line.item_name) form.setFieldValue(`lines.${i}.item_id`, null);
                }}
                onPick={(item) => void pick(i, item)}
                onRemove={() => form.removeListItem('lines', i)}
              />
            ))}
            <Group>
              <Button variant="default" size="xs" onClick={() => form.insertListItem('lines', blankLine(today))}>
                {t('documents.lines.add')}
              </Button>
            </Group>
            <Totals calc={calc} />
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <DateField
                  label={t('documents.editor.validUntil')}
                  description={t('documents.editor.validUntilHint')}
                  minDate={today}
                  clearable
                  clearButtonProps={{ 'aria-label': t('documents.clear') }}
                  {...form.getInputProps('valid_until')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <Textarea
                  label={t('documents.editor.terms')}
                  description={t('documents.editor.termsHint')}
                  autosize
                  minRows={2}
                  {...form.getInputProps('terms')}
                />
              </Grid.Col>
            </Grid>
            {submitted && !calc.complete && (
              <Text size="sm" c="red.8" role="alert">
                {form.values.lines.length === 0 ? t('documents.editor.noLines') : t('documents.editor.fixLines')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {current ? t('documents.editor.saveRevision') : t('documents.editor.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function Totals({ calc }: { calc: ReturnType<typeof calculate> }) {
  const { t } = useTranslation();
  const rub = (k: bigint) => formatMoney(toDecimalString(k, 2));
  const withVat = calc.totals.vat_by_rate.filter((r) => r.rate !== 'none');
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)" aria-live="polite" aria-label={t('documents.editor.totals')}>
      <Stack gap={2} align="flex-end">
        <Text fw={700}>
          {t('documents.editor.totals')}: {rub(calc.totals.total)}
        </Text>
        {withVat.length === 0 ? (
          <Text size="sm">{t('documents.editor.noVat')}</Text>
        ) : (
          <>
            <Text size="sm">
              {t('documents.editor.vatTotal')}: {rub(calc.totals.vat_total)}
            </Text>
            {calc.totals.vat_by_rate.length > 1 &&
              calc.totals.vat_by_rate.map((r) => (
                <Text size="xs" c="dimmed" key={r.rate}>
                  {r.rate === 'none'
                    ? t('documents.editor.noVat')
                    : `${t('documents.editor.vatByRate', { rate: t(`documents.vat.${r.rate}`) })}: ${rub(r.vat)}`}
                </Text>
              ))}
            <Text size="xs" c="dimmed">
              {t('documents.editor.net')}: {rub(calc.totals.net_total)}
            </Text>
          </>
        )}
        {!calc.complete && calc.lines.length > 0 && (
          <Text size="xs" c="orange.8">
            {t('documents.editor.totalsIncomplete')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

type EditableField = 'name' | 'article' | 'unit' | 'quantity' | 'price' | 'discount_pct' | 'vat';

function LineEditor({
  index,
  line,
  rates,
  errors,
  amounts,
  serverErrors,
  submitted,
  catalogue,
  canRemove,
  onChange,
  onPick,
  onRemove,
}: {
  index: number;
  line: LineValues;
  rates: string[];
  errors: LineErrors;
  amounts: { amount: bigint; vat: bigint; rate: string } | null;
  serverErrors: Record<string, React.ReactNode>;
  submitted: boolean;
  catalogue: boolean;
  canRemove: boolean;
  onChange: (field: EditableField, value: string) => void;
  onPick: (item: CatalogueItem) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const position = index + 1;
  const label = t('documents.lines.lineLabel', { position });
  const message = (field: keyof LineText, problem: LineProblem | undefined): string | undefined => {
    if (!problem || (problem === 'required' && !submitted)) return undefined;
    if (problem === 'too_precise' || problem === 'out_of_range') return textOr(`documents.lineErrors.${problem}_${field}`, problem);
    return t(`documents.lineErrors.${problem}`);
  };
  const error = (field: EditableField) => {
    const server = serverErrors[`lines.${index}.${field}`];
    if (server) return server;
    if (field === 'name') return submitted && !line.name.trim() ? t('documents.lineErrors.name') : undefined;
    if (field === 'unit' || field === 'article') return undefined;
    return message(field, errors[field]);
  };
  const vatOptions = [...new Set([...rates, line.vat])].filter(Boolean).map((v) => ({ value: v, label: textOr(`documents.vat.${v}`, v) }));
  const unitOptions = [...new Set<string>([...UNITS, line.unit])].map((u) => ({ value: u, label: textOr(`documents.units.${u}`, u) }));
  const rub = (k: bigint) => formatMoney(toDecimalString(k, 2));

  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={label}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          {label}
          {line.item_id && (
            <Text span size="xs" c="teal.8" ml="xs">
              {t('documents.editor.fromCatalogue')}
            </Text>
          )}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {amounts && (
            <Text size="sm" ta="right">
              {rub(amounts.amount)}
              {amounts.vat > 0n && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {t('documents.lines.vatAmount')} {rub(amounts.vat)}
                </Text>
              )}
            </Text>
          )}
          {canRemove && (
            <ActionIcon variant="subtle" color="red" aria-label={t('documents.lines.remove', { position })} onClick={onRemove}>
              ×
            </ActionIcon>
          )}
        </Group>
      </Group>
      <Grid columns={24} gap="xs">
        <Grid.Col span={{ base: 24, md: 9 }}>
          {catalogue ? (
            <NameSearch value={line.name} error={error('name')} onChange={(v) => onChange('name', v)} onPick={onPick} />
          ) : (
            <TextInput
              label={t('documents.lines.name')}
              size="xs"
              required
              value={line.name}
              error={error('name')}
              onChange={(e) => onChange('name', e.currentTarget.value)}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
          <TextInput
            label={t('documents.lines.quantity')}
            size="xs"
            inputMode="decimal"
            required
            value={line.quantity}
            error={error('quantity')}
            onChange={(e) => onChange('quantity', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
          <Select
            label={t('documents.lines.unit')}
            size="xs"
            data={unitOptions}
            value={line.unit}
            allowDeselect={false}
            error={error('unit')}
            onChange={(v) => v && onChange('unit', v)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
          <TextInput
            label={t('documents.lines.price')}
            size="xs"
            inputMode="decimal"
            required
            rightSection={<Text size="xs">₽</Text>}
            value={line.price}
            error={error('price')}
            onChange={(e) => onChange('price', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
          <TextInput
            label={t('documents.lines.discount')}
            size="xs"
            inputMode="decimal"
            placeholder="0"
            value={line.discount_pct}
            error={error('discount_pct')}
            onChange={(e) => onChange('discount_pct', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
          <Select
            label={t('documents.lines.vat')}
            size="xs"
            data={vatOptions}
            value={line.vat}
            allowDeselect={false}
            error={error('vat')}
            onChange={(v) => v && onChange('vat', v)}
          />
        </Grid.Col>
      </Grid>
      {line.note && (
        <Text size="xs" c="orange.8" mt={4}>
          {line.note}
        </Text>
      )}
    </Paper>
  );
}

/** The line's name: typed freely, or an item picked from the catalogue as the person types. */
function NameSearch({
  value,
  error,
  onChange,
  onPick,
}: {
  value: string;
  error?: React.ReactNode;
  onChange: (value: string) => void;
  onPick: (item: CatalogueItem) => void;
}) {
  const { t } = useTranslation();
  const [focused, setFocused] = useState(false);
  const [q] = useDebouncedValue(value.trim(), 250);
  const search = useQuery({ ...catalogueSearchQuery(q), enabled: focused });
  const items = search.data ?? [];
  return (
    <Autocomplete
      label={t('documents.editor.search')}
      size="xs"
      required
      value={value}
      error={error}
      onChange={onChange}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      data={items.map((i) => ({ value: i.id, label: i.name }))}
      // The server searched already (name, article): show what it found.
      filter={({ options }) => options}
      limit={20}
      rightSection={search.isFetching && focused ? <Loader size={12} /> : undefined}
      renderOption={({ option }) => {
        const item = items.find((i) => i.id === option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{item?.name ?? option.value}</Text>
            {item && (
              <Text size="xs" c="dimmed">
                {[item.article, textOr(`documents.units.${item.unit}`, item.unit_name), item.tile?.size].filter(Boolean).join(' · ')}
              </Text>
            )}
          </Stack>
        );
      }}
      onOptionSubmit={(id) => {
        const item = items.find((i) => i.id === id);
        if (item) onPick(item);
      }}
    />
  );
}
