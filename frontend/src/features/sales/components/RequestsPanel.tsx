// A deal's requests to other departments (delivery estimate to logistics, mock-up to the
// designer): state, assignee, the answer and its files; a new request when none is open.
import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../shared/api/files';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatDate, formatDateTime } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  openRequest,
  REQUEST_KINDS,
  requestQuery,
  salesKeys,
  type DealDetail,
  type RequestKind,
  type RequestSummary,
} from '../api/sales';
import { Info, Section } from './CardParts';

const statusColor: Record<RequestSummary['status'], string> = {
  open: 'yellow',
  in_progress: 'blue',
  completed: 'green',
  cancelled: 'gray',
};

export function RequestsPanel({ deal, canWrite }: { deal: DealDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<RequestKind | null>(null);
  const pending = (kind: RequestKind) => deal.requests.some((r) => r.kind === kind && (r.status === 'open' || r.status === 'in_progress'));
  const askable = canWrite && deal.status === 'open' ? REQUEST_KINDS.filter((k) => !pending(k)) : [];

  return (
    <Section
      title={t('sales.requests.title')}
      actions={
        askable.length > 0 && (
          <Group gap="xs">
            {askable.map((k) => (
              <Button key={k} size="xs" variant="light" onClick={() => setAsking(k)}>
                {k === 'delivery_cost' ? t('sales.requests.askDelivery') : t('sales.requests.askDesign')}
              </Button>
            ))}
          </Group>
        )
      }
    >
      {deal.requests.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sales.requests.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {[...deal.requests].reverse().map((r) => (
            <RequestCard key={r.id} request={r} />
          ))}
        </Stack>
      )}
      <RequestDialog deal={deal} kind={asking} onClose={() => setAsking(null)} />
    </Section>
  );
}

function RequestCard({ request: r }: { request: RequestSummary }) {
  const { t } = useTranslation();
  const title = t('sales.requests.numbered', { kind: t(`sales.requests.kinds.${r.kind}`), number: r.number });
  // The answer's files (the designer's mock-ups) are on the request itself.
  const detail = useQuery({ ...requestQuery(r.id), enabled: r.status === 'completed' });
  const files = detail.data?.files ?? [];
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={title}>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge color={statusColor[r.status]} variant="light" style={{ textTransform: 'none' }}>
          {t(`requests.status.${r.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Info label={t('sales.requests.assignee')}>{r.assignee_name ?? t('sales.requests.notAssigned')}</Info>
        <Info label={t('sales.card.created')}>{formatDateTime(r.created_at)}</Info>
        {r.kind === 'delivery_cost' && <Info label={t('sales.requests.deliveryAddress')}>{r.delivery_address}</Info>}
      </SimpleGrid>
      {r.details && (
        <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {t('sales.requests.details')}: {r.details}
        </Text>
      )}
      {r.answer && (
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs" mt="xs">
          {r.answer.cost && <Info label={t('sales.requests.cost')}>{formatMoney(r.answer.cost)}</Info>}
          {r.answer.carrier && <Info label={t('sales.requests.carrier')}>{r.answer.carrier}</Info>}
          {r.answer.eta_date && <Info label={t('sales.requests.eta')}>{formatDate(r.answer.eta_date)}</Info>}
          {r.answer.comment && <Info label={t('sales.requests.comment')}>{r.answer.comment}</Info>}
        </SimpleGrid>
      )}
      {r.cancel_reason && (
        <Text size="xs" mt={4}>
          {t('sales.requests.cancelReason')}: {r.cancel_reason}
        </Text>
      )}
      {files.length > 0 && (
        <Group gap="xs" mt="xs">
          <Text size="xs" c="dimmed">
            {t('sales.requests.files')}:
          </Text>
          {files.map((f) => (
            <Anchor
              key={f.id}
              component="button"
              type="button"
              size="sm"
              aria-label={t('sales.timeline.download', { name: f.name })}
              onClick={() => downloadFile(f.url, f.name).catch(notifyProblem)}
            >
              {f.name}
            </Anchor>
          ))}
        </Group>
      )}
    </Paper>
  );
}

interface RequestValues {
  details: string;
  delivery_address: string;
}

function RequestDialog({ deal, kind, onClose }: { deal: DealDetail; kind: RequestKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<RequestValues>({ initialValues: { details: '', delivery_address: '' } });
  useEffect(() => {
    if (kind) {
      form.setValues({ details: deal.offer_details ?? '', delivery_address: deal.delivery_address ?? '' });
      form.clearErrors();
      setUnplaced(null);
    }
  }, [kind]);

  const mutation = useMutation({
    mutationFn: (v: RequestValues) =>
      openRequest(deal.id, {
        kind: kind!,
        details: v.details.trim() || null,
        delivery_address: kind === 'delivery_cost' ? v.delivery_address.trim() || null : null,
      }),
    onSuccess: () => {
      notifySuccess(t('sales.requests.sent'));
      void queryClient.invalidateQueries({ queryKey: salesKeys.card('deal', deal.id) });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal
      opened={!!kind}
      onClose={onClose}
      size="lg"
      title={kind === 'delivery_cost' ? t('sales.requests.dialogDelivery') : t('sales.requests.dialogDesign')}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Textarea
            label={t('sales.requests.details')}
            placeholder={t('sales.requests.detailsHint')}
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('details')}
          />
          {kind === 'delivery_cost' && (
            <TextInput label={t('sales.requests.deliveryAddress')} {...form.getInputProps('delivery_address')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('sales.requests.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
