import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../../../shared/api/me';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDate, formatDateTime } from '../../../shared/format/format';
import { NotFound } from '../../../shared/ui/NotFound';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { requestKeys, requestQuery, takeRequest, type RequestDetail } from '../api/requests';
import { formatMoney } from '../../../shared/format/money';
import { conflictNotice, type ConflictNotice } from '../model/requests';
import { age } from '../model/time';
import { DeliveryAnswerForm } from './DeliveryAnswerForm';
import { DesignAnswerForm } from './DesignAnswerForm';
import { RequestFiles } from './RequestFiles';
import { ANSWER_PERMISSION, STATE_COLOR } from './requestLabels';
import { useNow } from './useNow';
import { PhoneLink } from '../../../shared/ui/ContactLinks';

/** A request as its department sees it: the deal's essentials, «take», the answer. */
export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery(requestQuery(id));

  if (query.isPending)
    return (
      <Stack aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={32} width="50%" />
        <Skeleton height={220} />
      </Stack>
    );
  if (query.isError) {
    const e = query.error;
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 403 || e.status === 422)) return <NotFound />;
    return <ProblemAlert error={e} onRetry={() => void query.refetch()} />;
  }
  return <RequestView request={query.data} />;
}

function RequestView({ request }: { request: RequestDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow(60_000);
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<ConflictNotice | null>(null);
  const canAnswer = can(me, ANSWER_PERMISSION[request.kind]);
  const mine = !!me && request.assignee_id === me.id;
  const key = requestKeys.detail(request.id);

  /** Someone else changed the request: show its fresh state and say what happened. */
  const onConflict = async () => {
    void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
    try {
      const fresh = await queryClient.fetchQuery({ ...requestQuery(request.id), staleTime: 0 });
      setNotice(conflictNotice(fresh, me?.id));
    } catch {
      setNotice({ key: 'changed' });
    }
  };

  const onDone = (r: RequestDetail) => {
    queryClient.setQueryData(key, r);
    void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
    // The deal may have moved on (delivery cost received, design sent).
    void queryClient.invalidateQueries({ queryKey: ['deals'] });
    setNotice(null);
    notifySuccess(t('work.answer.sent'));
  };

  const take = useMutation({
    mutationFn: () => takeRequest(request.id, request.version),
    onSuccess: (r) => {
      queryClient.setQueryData(key, r);
      void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      setNotice(null);
      notifySuccess(t('work.request.taken'));
    },
    onError: (e) => {
      if (e instanceof ApiProblem && (e.code === 'version_conflict' || e.code === 'not_found' || e.fieldErrors('status').length > 0))
        void onConflict();
    },
  });
  const takeFailed = take.isError && !(take.error instanceof ApiProblem && (['version_conflict', 'not_found'].includes(take.error.code) || take.error.fieldErrors('status').length > 0));

  const open = request.status === 'open' || request.status === 'in_progress';
  const queueTitle = t(`work.queue.title.${request.kind}`);

  return (
    <Stack>
      <Anchor component={Link} to={`/queues/${request.kind}`} size="sm">
        ← {queueTitle}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('work.request.title', { number: request.number, kind: t(`work.requestKinds.${request.kind}`) })}
          </Title>
          <Text size="sm" c="dimmed">
            {open
              ? t('work.request.created', { when: formatDateTime(request.created_at), age: age(request.created_at, now, i18n.language) })
              : t('work.request.createdAt', { when: formatDateTime(request.created_at) })}
          </Text>
        </Stack>
        <Badge size="lg" color={STATE_COLOR[request.status]} variant="light">
          {t(`requests.status.${request.status}`)}
        </Badge>
      </Group>

      {notice && (
        <Alert color="orange" role="alert" title={t('work.request.conflictTitle')} withCloseButton onClose={() => setNotice(null)} closeButtonLabel={t('common.close')}>
          {t(`work.request.conflict.${notice.key}`, notice)}
        </Alert>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="request-deal">
            <Title order={2} size="h4" id="request-deal" mb="sm">
              {t('work.request.about')}
            </Title>
            <Facts>
              <Fact label={t('work.request.deal')}>
                {can(me, 'deals.read') ? (
                  <Anchor component={Link} to={`/deals/${request.deal_id}`}>
                    {t('work.queue.dealNumber', { number: request.deal_number })} · {request.deal_title}
                  </Anchor>
                ) : (
                  `${t('work.queue.dealNumber', { number: request.deal_number })} · ${request.deal_title}`
                )}
              </Fact>
              <Fact label={t('work.request.client')}>{request.client_name}</Fact>
              {request.client_phone && (
                <Fact label={t('work.request.clientPhone')}>
                  <PhoneLink phone={request.client_phone} />
                </Fact>
              )}
              <Fact label={t('work.request.manager')}>{request.manager_name}</Fact>
              {request.kind === 'delivery_cost' && <Fact label={t('work.request.address')}>{request.delivery_address}</Fact>}
              <Fact label={t(`work.request.details.${request.kind}`)} multiline>
                {request.details}
              </Fact>
              {request.offer_details && request.offer_details !== request.details && (
                <Fact label={t('work.request.offerDetails')} multiline>
                  {request.offer_details}
                </Fact>
              )}
              {request.assignee_name && (
                <Fact label={t('work.request.assignee')}>
                  {request.assignee_name}
                  {request.taken_at ? ` · ${formatDateTime(request.taken_at)}` : ''}
                </Fact>
              )}
            </Facts>
            {request.kind === 'delivery_cost' && request.files.length > 0 && (
              <Stack gap={4} mt="md">
                <Text size="sm" c="dimmed">
                  {t('work.files.title')}
                </Text>
                <RequestFiles files={request.files} label={t('work.files.title')} />
              </Stack>
            )}
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="request-answer">
            <Title order={2} size="h4" id="request-answer" mb="sm">
              {t(request.kind === 'delivery_cost' ? 'work.answer.deliveryTitle' : 'work.answer.designTitle')}
            </Title>
            <Stack>
              {takeFailed && <ProblemAlert error={take.error} />}
              {request.status === 'completed' && <AnswerView request={request} />}
              {request.status === 'cancelled' && (
                <Alert color="gray" title={t('work.request.cancelled')}>
                  {request.cancel_reason}
                </Alert>
              )}
              {open && !canAnswer && <Text c="dimmed">{t('work.request.notYourDepartment')}</Text>}
              {open && canAnswer && request.status === 'open' && (
                <Stack align="flex-start">
                  <Text>{t('work.request.waiting')}</Text>
                  <Button loading={take.isPending} onClick={() => take.mutate()}>
                    {t('work.request.take')}
                  </Button>
                </Stack>
              )}
              {open && canAnswer && request.status === 'in_progress' && (
                <>
                  {!mine && (
                    <Alert color="yellow" variant="light">
                      <Group justify="space-between" gap="sm">
                        <Text size="sm">{t('work.request.inWorkOf', { name: request.assignee_name ?? '' })}</Text>
                        <Button size="xs" variant="white" loading={take.isPending} onClick={() => take.mutate()}>
                          {t('work.request.takeOver')}
                        </Button>
                      </Group>
                    </Alert>
                  )}
                  {request.kind === 'delivery_cost' ? (
                    <DeliveryAnswerForm request={request} onDone={onDone} onConflict={() => void onConflict()} />
                  ) : (
                    <DesignAnswerForm request={request} onDone={onDone} onConflict={() => void onConflict()} />
                  )}
                </>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <Stack component="dl" gap="xs" m={0}>
      {children}
    </Stack>
  );
}

function Fact({ label, children, multiline }: { label: string; children: ReactNode; multiline?: boolean }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={multiline ? { whiteSpace: 'pre-wrap' } : undefined} c={empty ? 'dimmed' : undefined}>
        {empty ? t('common.empty') : children}
      </Text>
    </div>
  );
}

/** The answer as given, read-only. */
function AnswerView({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const a = request.answer;
  return (
    <Stack>
      <Facts>
        {request.kind === 'delivery_cost' && (
          <>
            <Fact label={t('work.answer.cost')}>{formatMoney(a?.cost)}</Fact>
            <Fact label={t('work.answer.carrier')}>{a?.carrier}</Fact>
            <Fact label={t('work.answer.eta')}>{formatDate(a?.eta_date)}</Fact>
          </>
        )}
        <Fact label={t('work.answer.comment')} multiline>
          {a?.comment}
        </Fact>
        <Fact label={t('work.answer.by')}>
          {[request.assignee_name, formatDateTime(request.completed_at)].filter(Boolean).join(' · ')}
        </Fact>
      </Facts>
      {request.kind === 'design' && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('work.files.mockups')}
          </Text>
          <RequestFiles files={request.files} label={t('work.files.mockups')} />
        </Stack>
      )}
    </Stack>
  );
}
