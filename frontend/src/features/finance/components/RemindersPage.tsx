import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { reminderScheduleQuery, type ReminderRule, type ReminderRun } from '../api/finance';
import { ReminderSettingsSection } from './ReminderSettingsSection';

const RULES = ['overdue_invoice', 'awaiting_advance', 'deferred_payment', 'promised_payment'] as const;
type KnownRule = (typeof RULES)[number];
const known = (rule: string): rule is KnownRule => (RULES as readonly string[]).includes(rule);

/** «Напоминания» (admin): each organization's time zone and advance interval, then each rule that
 * chases clients for money, when it ran, and what it created. */
export function RemindersPage() {
  const { t } = useTranslation();
  const schedule = useQuery(reminderScheduleQuery);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('finance.reminders.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t('finance.reminders.hint')}
      </Text>
      <ReminderSettingsSection />
      {schedule.isPending ? (
        <TableSkeleton />
      ) : schedule.isError ? (
        <ProblemAlert error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        schedule.data.map((rule) => <RuleCard key={rule.rule} rule={rule} />)
      )}
    </Stack>
  );
}

function RuleCard({ rule }: { rule: ReminderRule }) {
  const { t } = useTranslation();
  const name = known(rule.rule) ? t(`finance.reminders.rule.${rule.rule}`) : rule.name;
  const headingId = `rule-${rule.rule}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {name}
          </Title>
          {known(rule.rule) && (
            <Text size="sm" c="dimmed">
              {t(`finance.reminders.ruleHint.${rule.rule}`)}
            </Text>
          )}
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" maw={520}>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('finance.reminders.lastRun')}
            </Text>
            <Text size="sm">{rule.last_run ? formatDateTime(rule.last_run) : t('finance.reminders.never')}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('finance.reminders.nextRun')}
            </Text>
            <Text size="sm">{formatDateTime(rule.next_run)}</Text>
          </Stack>
        </SimpleGrid>
        <Title order={3} size="h6">
          {t('finance.reminders.runs')}
        </Title>
        {rule.runs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.reminders.noRuns')}
          </Text>
        ) : (
          <Stack gap="xs">
            {rule.runs.map((run) => (
              <Run key={run.id} run={run} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Run({ run }: { run: ReminderRun }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('finance.reminders.runTitle', { date: formatDateTime(run.started_at) })}
        </Text>
        {!run.finished_at && !run.error && (
          <Badge size="xs" variant="light">
            {t('finance.reminders.running')}
          </Badge>
        )}
        <Badge size="xs" variant="light" color={run.created > 0 ? 'teal' : 'gray'}>
          {t('finance.reminders.created', { count: run.created })}
        </Badge>
      </Group>
      {run.error && (
        <Alert color="red" p="xs">
          {t('finance.reminders.failed', { error: run.error })}
        </Alert>
      )}
      {run.reminders.length > 0 && (
        <List size="sm" spacing={2} withPadding>
          {run.reminders.map((r) => (
            <List.Item key={r.key}>
              {r.deal_id ? (
                <Anchor component={Link} to={`/deals/${r.deal_id}`} size="sm">
                  {r.subject}
                </Anchor>
              ) : (
                r.subject
              )}{' '}
              <Text span size="xs" c="dimmed">
                {t('finance.reminders.slot', { date: formatDateTime(r.slot) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
