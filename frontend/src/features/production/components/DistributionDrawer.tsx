// The distribution of a deal's tiles among the productions (issue 12), in a drawer from the deal's
// «Производство» tab: what to make (tile type, thickness, m², the due date; the delivery point as
// coordinates when the city is not in the deal's address), then the productions ranked — distance,
// price, free capacity, load, defect rate and the score with its five parts (a table; cards on a
// phone), those left out with every reason, and the proposed placement in a sentence. «Назначить»
// opens a short confirmation prefilled from the proposal (that production's part, the due date,
// its own terms) and gives it the order. The server's 422s land under their inputs.
import { Alert, Anchor, Badge, Button, Drawer, Group, List, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoney } from '../../../shared/format/money';
import { DateField } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { assignOrder, distributionQuery, type AssignBody, type Distribution, type DistributionParams, type Ranked } from '../api/distribution';
import { productionListQuery, type PaymentTerms } from '../api/productions';
import {
  buildAssignBody,
  buildDistributionParams,
  emptyDistribution,
  formatDefectRate,
  formatKm,
  formatPercent,
  formatPoints,
  quantityFor,
  SCORE_PARTS,
  type AssignField,
  type AssignValues,
  type DistributionField,
  type DistributionValues,
} from '../model/distribution';
import { formatDecimal } from '../model/profile';
import { useProductionLabels } from './labels';

export interface DistributionDrawerProps {
  dealId: string;
  opened: boolean;
  onClose: () => void;
  /** An order was given to a production (the drawer has said so). */
  onAssigned: () => void;
}

const DISTRIBUTION_FIELDS: readonly DistributionField[] = ['tile_type', 'thickness_mm', 'quantity_m2', 'due_date', 'lat', 'lon'];

/** Splits a 422's errors into those of `fields` (by field, joined) and the rest. */
function splitProblem<F extends string>(error: unknown, fields: readonly F[]): { mine: Partial<Record<F, string>>; rest: FieldError[] } {
  const mine: Partial<Record<F, string>> = {};
  const rest: FieldError[] = [];
  if (!(error instanceof ApiProblem) || error.status !== 422) return { mine, rest };
  for (const e of error.errors) {
    if ((fields as readonly string[]).includes(e.field)) {
      const f = e.field as F;
      mine[f] = mine[f] ? `${mine[f]}; ${e.message}` : e.message;
    } else rest.push(e);
  }
  return { mine, rest };
}

export function DistributionDrawer({ dealId, opened, onClose, onAssigned }: DistributionDrawerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [values, setValues] = useState<DistributionValues>(emptyDistribution);
  const [errors, setErrors] = useState<Partial<Record<DistributionField, string>>>({});
  const [params, setParams] = useState<DistributionParams | null>(null);
  const [coordinates, setCoordinates] = useState(false);
  const [chosen, setChosen] = useState<Ranked | null>(null);

  const ranking = useQuery({ ...distributionQuery(dealId, params ?? {}), enabled: opened && params !== null });
  const server = splitProblem(ranking.error, DISTRIBUTION_FIELDS);
  const notLocated = ranking.error instanceof ApiProblem && ranking.error.errors.some((e) => e.field === 'lat' && e.code === 'not_located');
  // Once the address failed, the coordinates stay (asked again with them, they must not vanish).
  useEffect(() => {
    if (notLocated) setCoordinates(true);
  }, [notLocated]);
  const showCoordinates = coordinates || notLocated;
  const fieldError = (f: DistributionField) => errors[f] ?? (params && !ranking.isFetching ? server.mine[f] : undefined);

  const set = (field: DistributionField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildDistributionParams(showCoordinates ? values : { ...values, lat: '', lon: '' });
    if (!built.ok) {
      setErrors(Object.fromEntries(Object.entries(built.errors).map(([f, code]) => [f, t(`dealProduction.errors.${code}`)])));
      return;
    }
    setErrors({});
    setParams(built.params);
    // The same question asked again reads the productions again (their load may have moved).
    if (JSON.stringify(built.params) === JSON.stringify(params)) void ranking.refetch();
  };

  const close = () => {
    setChosen(null);
    onClose();
  };

  return (
    <Drawer
      opened={opened}
      onClose={close}
      position="right"
      size={phone ? '100%' : 'min(1240px, 94%)'}
      closeButtonProps={{ 'aria-label': t('productionOrders.drawer.close') }}
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700, lineHeight: 'var(--mantine-h3-line-height)' } }}
      title={chosen ? t('dealProduction.assign.title', { name: chosen.production_name }) : t('dealProduction.distribution.title')}
    >
      {chosen && params && ranking.data ? (
        <AssignForm
          dealId={dealId}
          production={chosen}
          asked={params}
          distribution={ranking.data}
          onBack={() => setChosen(null)}
          onAssigned={() => {
            setChosen(null);
            onAssigned();
          }}
        />
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {t('dealProduction.distribution.hint')}
          </Text>
          <form onSubmit={submit} noValidate aria-label={t('dealProduction.distribution.formLabel')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
                <TextInput
                  label={t('dealProduction.distribution.tileType')}
                  description={t('dealProduction.distribution.tileTypeHint')}
                  withAsterisk
                  value={values.tile_type}
                  error={fieldError('tile_type')}
                  onChange={(e) => set('tile_type', e.currentTarget.value)}
                />
                <TextInput
                  label={t('dealProduction.distribution.thickness')}
                  description=" "
                  withAsterisk
                  inputMode="decimal"
                  value={values.thickness_mm}
                  error={fieldError('thickness_mm')}
                  onChange={(e) => set('thickness_mm', e.currentTarget.value)}
                />
                <TextInput
                  label={t('dealProduction.distribution.quantity')}
                  description={t('dealProduction.distribution.quantityHint')}
                  withAsterisk
                  inputMode="decimal"
                  value={values.quantity_m2}
                  error={fieldError('quantity_m2')}
                  onChange={(e) => set('quantity_m2', e.currentTarget.value)}
                />
                <DateField
                  label={t('dealProduction.distribution.dueDate')}
                  description=" "
                  withAsterisk
                  value={values.due_date}
                  error={fieldError('due_date')}
                  onChange={(v) => set('due_date', v)}
                  popoverProps={{ withinPortal: true }}
                />
              </SimpleGrid>
              {notLocated && params && !ranking.isFetching && (
                <Alert color="orange" title={t('dealProduction.distribution.notLocated')} role="alert">
                  {ranking.error instanceof ApiProblem && ranking.error.errors.find((e) => e.field === 'lat')?.message}
                </Alert>
              )}
              {showCoordinates ? (
                <Stack gap={4}>
                  <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                    <TextInput
                      label={t('dealProduction.distribution.lat')}
                      inputMode="decimal"
                      value={values.lat}
                      error={errors.lat ?? (notLocated ? undefined : fieldError('lat'))}
                      onChange={(e) => set('lat', e.currentTarget.value)}
                    />
                    <TextInput
                      label={t('dealProduction.distribution.lon')}
                      inputMode="decimal"
                      value={values.lon}
                      error={fieldError('lon')}
                      onChange={(e) => set('lon', e.currentTarget.value)}
                    />
                  </SimpleGrid>
                  <Text size="xs" c="dimmed">
                    {t('dealProduction.distribution.coordinatesHint')}
                  </Text>
                  {!notLocated && (
                    <Anchor component="button" type="button" size="sm" onClick={() => (setCoordinates(false), set('lat', ''), set('lon', ''))} w="fit-content">
                      {t('dealProduction.distribution.hideCoordinates')}
                    </Anchor>
                  )}
                </Stack>
              ) : (
                <Anchor component="button" type="button" size="sm" onClick={() => setCoordinates(true)} w="fit-content">
                  {t('dealProduction.distribution.coordinates')}
                </Anchor>
              )}
              <Group>
                <Button type="submit" loading={ranking.isFetching} fullWidth={phone}>
                  {t('dealProduction.distribution.submit')}
                </Button>
              </Group>
            </Stack>
          </form>

          {params &&
            (ranking.isFetching && !ranking.data ? (
              <Stack aria-busy="true" aria-label={t('dealProduction.distribution.loading')}>
                <Skeleton height={40} />
                <Skeleton height={120} />
              </Stack>
            ) : ranking.isError ? (
              ranking.error instanceof ApiProblem && ranking.error.status === 422 ? (
                server.rest.length > 0 && !notLocated ? (
                  <Alert color="red" role="alert">
                    <List size="sm">
                      {server.rest.map((e) => (
                        <List.Item key={`${e.field}:${e.code}`}>{e.message}</List.Item>
                      ))}
                    </List>
                  </Alert>
                ) : null
              ) : (
                <ProblemAlert error={ranking.error} onRetry={() => void ranking.refetch()} />
              )
            ) : ranking.data ? (
              <Results data={ranking.data} busy={ranking.isFetching} onAssign={setChosen} />
            ) : null)}
        </Stack>
      )}
    </Drawer>
  );
}

function Results({ data, busy, onAssign }: { data: Distribution; busy: boolean; onAssign: (r: Ranked) => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Stack gap="lg" opacity={busy ? 0.6 : 1} aria-busy={busy || undefined}>
      {data.delivery_address && (
        <Text size="sm">
          {t('dealProduction.distribution.deliveryTo', { address: data.delivery_address })}{' '}
          <Text span c="dimmed" size="sm">
            ({data.located_by === 'coordinates' || !data.delivery_city
              ? t('dealProduction.distribution.locatedByCoordinates')
              : t('dealProduction.distribution.locatedByAddress', { city: data.delivery_city })}
            )
          </Text>
        </Text>
      )}
      {data.placement && <PlacementSentence placement={data.placement} />}

      <Stack gap="sm" component="section" aria-labelledby="distribution-ranked">
        <Title order={3} size="h4" id="distribution-ranked">
          {t('dealProduction.distribution.ranking')}
        </Title>
        {data.ranked.length === 0 ? (
          <Text size="sm">{t('dealProduction.distribution.noneRanked')}</Text>
        ) : phone ? (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('dealProduction.distribution.rankingLabel')}>
            {data.ranked.map((r) => (
              <li key={r.production_id}>
                <RankedCard r={r} onAssign={() => onAssign(r)} />
              </li>
            ))}
          </Stack>
        ) : (
          <RankedTable ranked={data.ranked} onAssign={onAssign} />
        )}
      </Stack>

      {data.excluded.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="distribution-excluded">
          <Title order={3} size="h4" id="distribution-excluded">
            {t('dealProduction.distribution.excluded')}
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('dealProduction.distribution.excludedLabel')}>
            {data.excluded.map((x) => (
              <li key={x.production_id}>
                <Paper withBorder radius="sm" p="sm" bg="gray.0">
                  <Text size="sm" fw={600}>
                    {x.production_name}
                  </Text>
                  <List size="sm" mt={4}>
                    {x.reasons.map((r) => (
                      <List.Item key={r.reason}>{r.text}</List.Item>
                    ))}
                  </List>
                </Paper>
              </li>
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}

function PlacementSentence({ placement }: { placement: NonNullable<Distribution['placement']> }) {
  const { t } = useTranslation();
  const parts = placement.parts
    .map((p) => t('dealProduction.distribution.placementPart', { name: p.production_name, quantity: formatDecimal(p.quantity_m2) }))
    .join(', ');
  const missing = formatDecimal(placement.missing_m2 ?? '0');
  const first = placement.parts[0];
  const text =
    placement.kind === 'whole' && first
      ? t('dealProduction.distribution.placementWhole', { name: first.production_name, quantity: formatDecimal(first.quantity_m2) })
      : placement.kind === 'split'
        ? t('dealProduction.distribution.placementSplit', { parts })
        : placement.parts.length > 0
          ? t('dealProduction.distribution.placementShort', { missing, parts })
          : t('dealProduction.distribution.placementShortNone', { missing });
  return (
    <Alert color={placement.kind === 'short' ? 'orange' : 'blue'} variant="light" title={t('dealProduction.distribution.placement')}>
      <Text size="sm" data-testid="placement">
        {text}
      </Text>
    </Alert>
  );
}

function TakesWhole() {
  const { t } = useTranslation();
  return (
    <Badge color="green" variant="light" style={{ textTransform: 'none' }}>
      {t('dealProduction.distribution.takesWhole')}
    </Badge>
  );
}

/** The total and its five parts («Расстояние 7,8 из 30»). */
function Score({ score }: { score: Ranked['score'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
        {t('dealProduction.distribution.total', { points: formatPoints(score.total) })}
      </Text>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('dealProduction.distribution.scoreLabel')}>
        {SCORE_PARTS.map(([part, max]) => (
          <Text key={part} component="li" size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('dealProduction.distribution.scorePart', { label: t(`dealProduction.distribution.score.${part}`), points: formatPoints(score[part]), max })}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

function useFigures() {
  const { t } = useTranslation();
  return (r: Ranked) => ({
    distance: formatKm(r.distance_km),
    price: t('dealProduction.distribution.perM2', { price: formatMoney(r.price_per_m2) }),
    free: t('dealProduction.distribution.freeOf', { free: formatDecimal(r.free_m2), capacity: formatDecimal(r.capacity_m2) }),
    load: formatPercent(r.load_percent),
    defects: formatDefectRate(r.defect_rate) ?? t('dealProduction.distribution.noChecks'),
    days: t('dealProduction.distribution.workingDays', { count: r.working_days }),
  });
}

function RankedTable({ ranked, onAssign }: { ranked: Ranked[]; onAssign: (r: Ranked) => void }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const c = (k: string) => t(`dealProduction.distribution.columns.${k}` as 'dealProduction.distribution.columns.rank');
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" striped aria-label={t('dealProduction.distribution.rankingLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c('rank')}</Table.Th>
            <Table.Th>{c('production')}</Table.Th>
            <Table.Th ta="right">{c('distance')}</Table.Th>
            <Table.Th ta="right">{c('price')}</Table.Th>
            <Table.Th ta="right">{c('free')}</Table.Th>
            <Table.Th ta="right">{c('load')}</Table.Th>
            <Table.Th ta="right">{c('defects')}</Table.Th>
            <Table.Th>{c('score')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{c('action')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ranked.map((r) => {
            const f = figures(r);
            return (
              <Table.Tr key={r.production_id} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text fw={700} size="lg">
                    {r.rank}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text fw={600} size="sm">
                      {r.production_name}
                    </Text>
                    {r.takes_whole && <TakesWhole />}
                    <Text size="xs" c="dimmed">
                      {f.days}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {f.distance}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {f.price}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {f.free}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {f.load}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {f.defects}
                </Table.Td>
                <Table.Td>
                  <Score score={r.score} />
                </Table.Td>
                <Table.Td>
                  <Button size="sm" onClick={() => onAssign(r)} aria-label={t('dealProduction.distribution.assignLabel', { name: r.production_name })}>
                    {t('dealProduction.distribution.assign')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </div>
  );
}

function RankedCard({ r, onAssign }: { r: Ranked; onAssign: () => void }) {
  const { t } = useTranslation();
  const f = useFigures()(r);
  const c = (k: string) => t(`dealProduction.distribution.columns.${k}` as 'dealProduction.distribution.columns.rank');
  const headingId = `ranked-${r.production_id}`;
  return (
    <Paper withBorder radius="sm" p="sm" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={4} size="h5" id={headingId}>
            {r.rank}. {r.production_name}
          </Title>
          {r.takes_whole && <TakesWhole />}
        </Group>
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} component="dl" m={0}>
          <Fact label={c('distance')} value={f.distance} />
          <Fact label={c('price')} value={f.price} />
          <Fact label={c('free')} value={f.free} />
          <Fact label={c('load')} value={f.load} />
          <Fact label={c('defects')} value={f.defects} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {f.days}
        </Text>
        <Score score={r.score} />
        <Button fullWidth onClick={onAssign} aria-label={t('dealProduction.distribution.assignLabel', { name: r.production_name })}>
          {t('dealProduction.distribution.assign')}
        </Button>
      </Stack>
    </Paper>
  );
}

const ASSIGN_FIELDS: readonly AssignField[] = ['quantity', 'due_date', 'delivery_contact', 'terms'];
const TERMS: readonly PaymentTerms[] = ['prepayment', 'fifty_fifty', 'after_shipment'];

function AssignForm({
  dealId,
  production,
  asked,
  distribution,
  onBack,
  onAssigned,
}: {
  dealId: string;
  production: Ranked;
  asked: DistributionParams;
  distribution: Distribution;
  onBack: () => void;
  onAssigned: () => void;
}) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  const productions = useQuery(productionListQuery);
  const ownTerms = productions.data?.find((p) => p.id === production.production_id)?.payment_terms ?? null;
  const [values, setValues] = useState<AssignValues>(() => ({
    quantity: formatDecimal(quantityFor(distribution.placement, production.production_id, asked.quantity_m2 ?? '')),
    due_date: asked.due_date ?? '',
    delivery_contact: '',
    terms: null,
  }));
  // The production's own terms, once its profile's summary is read (unless chosen meanwhile).
  const terms = values.terms ?? ownTerms;
  const [errors, setErrors] = useState<Partial<Record<AssignField, string>>>({});
  const [refusals, setRefusals] = useState<FieldError[]>([]);

  const assign = useMutation({
    mutationFn: (body: AssignBody) => assignOrder(dealId, body),
    onSuccess: (order) => {
      notifySuccess(t('dealProduction.assign.done', { number: order.number ?? '', name: production.production_name }));
      onAssigned();
    },
    onError: (error) => {
      const { mine, rest } = splitProblem(error, ASSIGN_FIELDS);
      // `quantity` is m² here; the tile's and the production's own errors go above the form.
      setErrors(mine);
      setRefusals(rest);
    },
  });

  const set = <F extends AssignField>(field: F, value: AssignValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRefusals([]);
    const built = buildAssignBody(production.production_id, asked, { ...values, terms });
    if (!built.ok) {
      setErrors(Object.fromEntries(Object.entries(built.errors).map(([f, code]) => [f, t(`dealProduction.errors.${code}`)])));
      return;
    }
    assign.mutate(built.body);
  };

  const label = t('dealProduction.distribution.assignLabel', { name: production.production_name });
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm" maw={560}>
        <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
          ← {t('dealProduction.assign.back')}
        </Anchor>
        <Text size="sm" fw={600}>
          {t('dealProduction.assign.what', { tile: asked.tile_type, thickness: formatDecimal(asked.thickness_mm) })}
        </Text>
        <Text size="sm">{t('dealProduction.assign.price', { price: formatMoney(production.price_per_m2) })}</Text>
        {refusals.length > 0 && (
          <Alert color="red" title={t('dealProduction.assign.refused')} role="alert">
            <List size="sm">
              {refusals.map((e) => (
                <List.Item key={`${e.field}:${e.code}`}>{e.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {assign.isError && !(assign.error instanceof ApiProblem && assign.error.status === 422) && <ProblemAlert error={assign.error} />}
        <TextInput
          label={t('dealProduction.assign.quantity')}
          description={t('dealProduction.assign.quantityHint')}
          withAsterisk
          inputMode="decimal"
          data-autofocus
          value={values.quantity}
          error={errors.quantity}
          onChange={(e) => set('quantity', e.currentTarget.value)}
        />
        <DateField
          label={t('dealProduction.assign.dueDate')}
          withAsterisk
          value={values.due_date}
          error={errors.due_date}
          onChange={(v) => set('due_date', v)}
          popoverProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('dealProduction.assign.contact')}
          description={t('dealProduction.assign.contactHint')}
          value={values.delivery_contact}
          error={errors.delivery_contact}
          onChange={(e) => set('delivery_contact', e.currentTarget.value)}
        />
        <Select
          label={t('dealProduction.assign.terms')}
          description={t('dealProduction.assign.termsHint')}
          value={terms}
          onChange={(v) => set('terms', (v as PaymentTerms | null) ?? null)}
          data={TERMS.map((x) => ({ value: x, label: `${labels.terms(x)} — ${labels.termsHint(x)}` }))}
          error={errors.terms}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onBack} disabled={assign.isPending}>
            {t('dealProduction.assign.cancel')}
          </Button>
          <Button type="submit" loading={assign.isPending}>
            {t('dealProduction.assign.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
