// A production order in a drawer: its facts, its files (photos, the waybill, the client's signed
// documents — anyone taking part uploads them), its steps as a timeline («Принят производством —
// Производство, 30.11.2026 17:05») and a button for exactly the steps the caller may take. A step
// with nothing to ask is taken in one click; the others open a short form under the buttons (a
// reason; the quality checklist; the carrier, waybill, cost and expected date; the defect's kind
// and extent; an amount; the scan among the files). The server's 422s land under their inputs, the
// stage's own refusals (`state`, `quality`) as an alert; a 409 re-reads the order and says so.
import { Alert, Badge, Button, Checkbox, Divider, Drawer, FileButton, Group, List, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, uploadFile } from '../../../shared/api/files';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoney } from '../../../shared/format/money';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { actOnOrder, orderKeys, orderQuery, type Order, type OrderAction, type StepBody } from '../api/orders';
import { actionFields, buildActionBody, DEFECT_KINDS, formatDay, formatMoment, isDestructive, isOptional, shownActions, type ActionField, type ActionValues } from '../model/orders';
import { formatDecimal } from '../model/profile';
import { useProductionLabels } from './labels';

/** «Плитка, 20 мм» — what an order is, as its heading says it. */
export function useOrderTitle() {
  const { t } = useTranslation();
  return (o: { tile_type: string; thickness_mm: string }) => t('productionOrders.item', { tile: o.tile_type, thickness: formatDecimal(o.thickness_mm) });
}

export function OrderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const title = useOrderTitle();
  const order = useQuery({ ...orderQuery(id ?? ''), enabled: !!id });
  const o = order.data;
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      closeButtonProps={{ 'aria-label': t('productionOrders.drawer.close') }}
      styles={{ title: { fontSize: 'var(--mantine-h4-font-size)', fontWeight: 700, lineHeight: 'var(--mantine-h4-line-height)' } }}
      title={o ? t('productionOrders.drawer.title', { title: title(o) }) : t('productionOrders.drawer.loading')}
    >
      {order.isPending ? (
        <Stack aria-busy="true" aria-label={t('productionOrders.drawer.loading')}>
          <Skeleton height={60} />
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
      ) : order.isError ? (
        <ProblemAlert error={order.error} onRetry={() => void order.refetch()} />
      ) : (
        o && <OrderBody key={o.id} order={o} />
      )}
    </Drawer>
  );
}

function OrderBody({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [chosen, setChosen] = useState<OrderAction | null>(null);
  const [values, setValues] = useState<ActionValues>({});
  const [errors, setErrors] = useState<Partial<Record<ActionField, string>>>({});
  const [refusals, setRefusals] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);

  const reset = () => {
    setErrors({});
    setRefusals([]);
    setFailure(null);
  };
  const choose = (action: OrderAction | null) => {
    reset();
    setValues({});
    setChosen(action);
  };

  const act = useMutation({
    mutationFn: (body: StepBody) => actOnOrder(o.id, body),
    onSuccess: (updated, body) => {
      setConflict(false);
      choose(null);
      queryClient.setQueryData(orderKeys.detail(o.id), updated);
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
      notifySuccess(t('productionOrders.drawer.done', { action: t(`productionOrders.actions.${body.action}`) }));
    },
    onError: (error, body) => {
      if (error instanceof ApiProblem && error.status === 409) {
        // Someone acted meanwhile: the order as it is now, and the step to choose again.
        choose(null);
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: orderKeys.detail(o.id) });
        void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
        return;
      }
      if (error instanceof ApiProblem && error.status === 422 && error.errors.length > 0) {
        const fields = actionFields(body.action);
        const mine: Partial<Record<ActionField, string>> = {};
        const rest: FieldError[] = [];
        for (const e of error.errors) {
          if ((fields as readonly string[]).includes(e.field)) {
            const f = e.field as ActionField;
            mine[f] = mine[f] ? `${mine[f]}; ${e.message}` : e.message;
          } else rest.push(e);
        }
        setErrors(mine);
        setRefusals(rest);
        return;
      }
      setFailure(error);
    },
  });

  const send = (action: OrderAction) => {
    reset();
    const built = buildActionBody(action, o.version, values);
    if (!built.ok) {
      setErrors(Object.fromEntries(Object.entries(built.errors).map(([f, code]) => [f, t(`productionOrders.errors.${code}`)])));
      return;
    }
    act.mutate(built.body);
  };

  const actions = shownActions(o.allowed_actions);
  return (
    <Stack gap="lg">
      {conflict && (
        <Alert color="orange" title={t('productionOrders.drawer.conflict')} role="status">
          {t('productionOrders.drawer.conflictHint')}
        </Alert>
      )}
      <Facts order={o} />
      <Divider />

      <Stack gap="sm" component="section" aria-labelledby="order-actions">
        <Title order={3} size="h5" id="order-actions">
          {t('productionOrders.drawer.actions')}
        </Title>
        {actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('productionOrders.drawer.noActions')}
          </Text>
        ) : (
          <Group gap="xs">
            {actions.map((action) => {
              const withForm = actionFields(action).length > 0;
              return (
                <Button
                  key={action}
                  size="sm"
                  color={isDestructive(action) ? 'red' : undefined}
                  variant={isDestructive(action) || (withForm && chosen !== action) ? 'light' : 'filled'}
                  disabled={act.isPending && chosen !== action}
                  loading={act.isPending && !withForm && act.variables?.action === action}
                  aria-expanded={withForm ? chosen === action : undefined}
                  onClick={() => (withForm ? choose(chosen === action ? null : action) : (choose(null), send(action)))}
                >
                  {t(`productionOrders.actions.${action}`)}
                </Button>
              );
            })}
          </Group>
        )}
        {refusals.length > 0 && (
          <Alert color="red" title={t('productionOrders.drawer.refused')} role="alert">
            {refusals.length === 1 ? (
              refusals[0]!.message
            ) : (
              <List size="sm">
                {refusals.map((e) => (
                  <List.Item key={`${e.field}:${e.code}`}>{e.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {failure !== null && <ProblemAlert error={failure} />}
        {chosen && actionFields(chosen).length > 0 && (
          <ActionForm
            action={chosen}
            files={o.files}
            values={values}
            errors={errors}
            pending={act.isPending}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
            onSubmit={() => send(chosen)}
            onCancel={() => choose(null)}
          />
        )}
      </Stack>
      <Divider />
      <Files order={o} />
      <Divider />
      <Steps order={o} />
    </Stack>
  );
}

/** The order's files, each downloadable, and an upload for whoever takes part in the order. */
function Files({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile('/api/v1/production-orders/{id}/files', { id: o.id }, file),
    onSuccess: (f) => {
      notifySuccess(t('productionOrders.files.uploaded', { name: f.name }));
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(o.id) });
    },
    onError: notifyProblem,
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="order-files">
      <Group justify="space-between" align="center" gap="xs">
        <Title order={3} size="h5" id="order-files">
          {t('productionOrders.files.title')}
        </Title>
        <FileButton onChange={(f) => f && upload.mutate(f)} accept="image/*,application/pdf">
          {(props) => (
            <Button {...props} size="xs" variant="light" loading={upload.isPending}>
              {t('productionOrders.files.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      {o.files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('productionOrders.files.empty')}
        </Text>
      ) : (
        <Stack gap={4}>
          {o.files.map((f) => (
            <Group key={f.id} gap="xs" wrap="nowrap" justify="space-between">
              <Button
                variant="subtle"
                size="compact-sm"
                aria-label={t('productionOrders.files.download', { name: f.name })}
                onClick={() => downloadFile(f.url, f.name).catch(notifyProblem)}
                style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
              >
                {f.name}
              </Button>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatMoment(f.created_at)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ActionForm({
  action,
  files,
  values,
  errors,
  pending,
  onChange,
  onSubmit,
  onCancel,
}: {
  action: OrderAction;
  files: Order['files'];
  values: ActionValues;
  errors: Partial<Record<ActionField, string>>;
  pending: boolean;
  onChange: (field: ActionField, value: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const label = t(`productionOrders.actions.${action}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label={label} noValidate>
      <Stack gap="sm">
        {action === 'pass_quality' && (
          <Text size="sm" c="dimmed">
            {t('productionOrders.fields.checklistHint')}
          </Text>
        )}
        {actionFields(action).map((field, i) => {
          const label = t(`productionOrders.fields.${field}`);
          if (field.startsWith('checklist.')) {
            return (
              <Checkbox
                key={field}
                label={label}
                checked={values[field] === 'true'}
                error={errors[field]}
                onChange={(e) => onChange(field, e.currentTarget.checked ? 'true' : 'false')}
              />
            );
          }
          if (field === 'defect_kind' || field === 'scan') {
            const data =
              field === 'defect_kind'
                ? DEFECT_KINDS.map((k) => ({ value: k, label: t(`productionOrders.defectKinds.${k}`) }))
                : files.map((f) => ({ value: f.id, label: f.name }));
            return (
              <Select
                key={field}
                label={label}
                data={data}
                value={values[field] ?? null}
                error={errors[field]}
                withAsterisk
                description={field === 'scan' ? t('productionOrders.fields.scanHint') : undefined}
                comboboxProps={{ withinPortal: true }}
                onChange={(v) => onChange(field, v ?? '')}
              />
            );
          }
          const common = {
            label,
            value: values[field] ?? '',
            error: errors[field],
            withAsterisk: !isOptional(field),
            'data-autofocus': i === 0 || undefined,
            autoFocus: i === 0,
            onChange: (e: { currentTarget: { value: string } }) => onChange(field, e.currentTarget.value),
          };
          return field === 'reason' || field === 'description' ? (
            <Textarea key={field} rows={3} {...common} />
          ) : (
            <TextInput
              key={field}
              inputMode={field === 'cost' || field === 'deduction' || field === 'amount' || field === 'quantity' ? 'decimal' : undefined}
              placeholder={field === 'eta' ? 'дд.мм.гггг' : undefined}
              description={field === 'cost' ? t('productionOrders.fields.costHint') : field === 'eta' ? t('productionOrders.fields.etaHint') : undefined}
              {...common}
            />
          );
        })}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t('productionOrders.drawer.cancelForm')}
          </Button>
          <Button type="submit" color={isDestructive(action) ? 'red' : undefined} loading={pending}>
            {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Facts({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  const title = useOrderTitle();
  const area = (v: string) => t('productionOrders.area', { value: formatDecimal(v) });
  const positive = (v: string) => /[1-9]/.test(v);
  return (
    <Stack gap="sm" component="section" aria-labelledby="order-facts">
      <Group justify="space-between" align="center" gap="xs">
        <Title order={3} size="h5" id="order-facts">
          {t('productionOrders.drawer.facts')}
        </Title>
        <StateBadge state={o.state} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs" component="dl" m={0}>
        {o.production_name && <Fact label={t('productionOrders.drawer.production')}>{o.production_name}</Fact>}
        <Fact label={t('productionOrders.drawer.tile')}>{title(o)}</Fact>
        <Fact label={t('productionOrders.drawer.quantity')}>{area(o.quantity_m2)}</Fact>
        <Fact label={t('productionOrders.drawer.due')}>{t('productionOrders.due', { date: formatDay(o.due_date) })}</Fact>
        {o.state === 'assigned' && <Fact label={t('productionOrders.drawer.acceptBy')}>{formatMoment(o.accept_by)}</Fact>}
        <Fact label={t('productionOrders.drawer.address')}>{o.delivery_address}</Fact>
        {o.delivery_contact && <Fact label={t('productionOrders.drawer.contact')}>{o.delivery_contact}</Fact>}
        <Fact label={t('productionOrders.drawer.price')}>{formatMoney(o.price_per_m2)}</Fact>
        <Fact label={t('productionOrders.drawer.amount')}>{formatMoney(o.amount)}</Fact>
        <Fact label={t('productionOrders.drawer.terms')}>{labels.terms(o.terms)}</Fact>
        <Fact label={t('productionOrders.drawer.paid')}>{formatMoney(o.paid)}</Fact>
        {positive(o.deduction) && <Fact label={t('productionOrders.drawer.deduction')}>{formatMoney(o.deduction)}</Fact>}
        {o.reason && <Fact label={t('productionOrders.drawer.reason')}>{o.reason}</Fact>}
        {o.defects && (
          <Fact label={o.defects.kind ? t('productionOrders.drawer.defectsKind', { kind: t(`productionOrders.defectKinds.${o.defects.kind}`) }) : t('productionOrders.drawer.defects')}>
            {t('productionOrders.drawer.defectsText', { description: o.defects.description, quantity: formatDecimal(o.defects.quantity_m2) })}
          </Fact>
        )}
        {o.shipment && (
          <Fact label={t('productionOrders.drawer.shipment')}>
            {t('productionOrders.drawer.shipmentText', { carrier: o.shipment.carrier, waybill: o.shipment.waybill, cost: formatMoney(o.shipment.cost) })}
          </Fact>
        )}
        {o.shipment?.eta && <Fact label={t('productionOrders.drawer.eta')}>{formatDay(o.shipment.eta)}</Fact>}
      </SimpleGrid>
    </Stack>
  );
}

/** What a step carried that people read: a reason, the defects' description. */
function stepNote(data: Order['events'][number]['data']): string | null {
  if (!data) return null;
  for (const key of ['reason', 'description'] as const) {
    const v = (data as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

function Steps({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="order-steps">
      <Title order={3} size="h5" id="order-steps">
        {t('productionOrders.drawer.steps')}
      </Title>
      <Timeline active={o.events.length - 1} bulletSize={14} lineWidth={2}>
        {o.events.map((e, i) => {
          const note = stepNote(e.data);
          return (
            <Timeline.Item
              key={`${e.at}-${i}`}
              title={
                <Text size="sm" fw={500}>
                  {t('productionOrders.drawer.step', {
                    state: t(`productionOrders.states.${e.to_state}`),
                    actor: t(`roles.${e.actor_role}`),
                    at: formatMoment(e.at),
                  })}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {t(`productionOrders.actions.${e.action}`)}
              </Text>
              {note && <Text size="sm">«{note}»</Text>}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

export const STATE_COLOR: Partial<Record<Order['state'], string>> = {
  assigned: 'blue',
  accepted: 'teal',
  in_production: 'teal',
  done: 'green',
  quality_passed: 'green',
  defects_found: 'orange',
  shipped: 'green',
  closed: 'gray',
  declined: 'red',
  cancelled: 'red',
};

export function StateBadge({ state }: { state: Order['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
      {t(`productionOrders.states.${state}`)}
    </Badge>
  );
}
