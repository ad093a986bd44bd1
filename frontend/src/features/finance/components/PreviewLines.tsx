import { Badge, Box, Chip, Group, Pagination, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import type { PreviewLine } from '../api/finance';
import { isPositive } from '../model/money';
import { countOutcomes, filterLines, LINE_FILTERS, lineOutcome, OUTCOME_COLOR, pageOf, PREVIEW_PAGE_SIZE, type LineFilter } from '../model/statement';

/**
 * The lines of a statement's preview, a hundred at a time: a bank's year is ten thousand lines,
 * and that many table rows would make the page crawl. A filter keeps the lines that need a look.
 */
export function PreviewLines({ lines }: { lines: readonly PreviewLine[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LineFilter>('all');
  const [page, setPage] = useState(1);
  const counts = useMemo(() => countOutcomes(lines), [lines]);
  const kept = useMemo(() => filterLines(lines, filter), [lines, filter]);
  const shown = pageOf(kept, page);
  const first = (shown.page - 1) * PREVIEW_PAGE_SIZE + 1;
  // On a phone a line is a card: the table's amount and invoice would be swipes away.
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <Stack gap="sm">
      <Chip.Group
        value={filter}
        onChange={(v) => {
          setFilter(v as LineFilter);
          setPage(1);
        }}
      >
        <Group gap="xs" role="radiogroup" aria-label={t('finance.import.lines.filter')}>
          {LINE_FILTERS.filter((f) => f === 'all' || counts[f] > 0).map((f) => (
            <Chip key={f} value={f} size="sm" type="radio">
              {t(`finance.import.lines.filters.${f}`, { count: formatNumber(counts[f]) })}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      {kept.length === 0 ? (
        <Text c="dimmed" size="sm" py="md" ta="center">
          {t('finance.import.lines.empty')}
        </Text>
      ) : phone ? (
        <Stack gap="xs" component="ul" aria-label={t('finance.import.lines.label')} p={0} m={0} style={{ listStyle: 'none' }}>
          {shown.items.map((line) => (
            <LineCard key={`${line.line}-${line.number}`} line={line} />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped aria-label={t('finance.import.lines.label')} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.import.lines.columns.outcome')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.line')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.number')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.date')}</Table.Th>
                <Table.Th ta="right">{t('finance.import.lines.columns.amount')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.counterparty')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.purpose')}</Table.Th>
                <Table.Th>{t('finance.import.lines.columns.invoice')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.items.map((line) => (
                <LineRow key={`${line.line}-${line.number}`} line={line} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {shown.pages > 1 && (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('finance.import.lines.shown', {
              from: formatNumber(first),
              to: formatNumber(first + shown.items.length - 1),
              total: formatNumber(kept.length),
            })}
          </Text>
          <Pagination
            total={shown.pages}
            value={shown.page}
            onChange={setPage}
            size="sm"
            aria-label={t('finance.import.lines.pages')}
            getControlProps={(control) => ({ 'aria-label': t(`finance.import.lines.${control}`) })}
            getItemProps={(n) => ({ 'aria-label': t('finance.import.lines.page', { page: n }) })}
          />
        </Group>
      )}
    </Stack>
  );
}

function LineRow({ line }: { line: PreviewLine }) {
  const { t } = useTranslation();
  const outcome = lineOutcome(line);
  const incoming = line.direction === 'incoming';
  return (
    <Table.Tr>
      <Table.Td miw={130}>
        <Badge size="sm" variant="light" color={OUTCOME_COLOR[outcome]}>
          {t(`finance.import.lines.outcome.${outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{line.line}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.number}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.date)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c={incoming ? undefined : 'red.8'}>
          {incoming ? '' : '−'}
          {formatMoney(line.amount)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {line.counterparty}
        </Text>
        {line.counterparty_inn && (
          <Text size="xs" c="dimmed">
            {t('finance.payments.inn', { inn: line.counterparty_inn })}
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={300}>
        <Tooltip label={line.purpose} multiline w={360} openDelay={300} disabled={!line.purpose}>
          <Text size="sm" lineClamp={2}>
            {line.purpose}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td maw={320}>
        <Matching line={line} />
      </Table.Td>
    </Table.Tr>
  );
}

/** What the matching says of an incoming line: the invoice it pays and why, or why none. */
function Matching({ line }: { line: PreviewLine }) {
  const { t } = useTranslation();
  const outcome = lineOutcome(line);
  const m = line.matching;
  if (outcome === 'auto' && m)
    return (
      <Stack gap={2}>
        <Text size="sm" fw={500} c="green.9">
          {t('finance.import.lines.toInvoice', { number: m.invoice_number ?? '' })}
        </Text>
        {m.reasons.map((r) => (
          <Text key={r.kind} size="xs" c="dimmed">
            {r.text}
          </Text>
        ))}
        {isPositive(line.to_advance) && (
          // More than the invoice lacks: the rest is not lost, it waits as the client's advance.
          <Text size="xs" fw={500}>
            {t('finance.import.lines.toAdvance', { amount: formatMoney(line.to_advance) })}
          </Text>
        )}
      </Stack>
    );
  if (outcome === 'unmatched' && m)
    return (
      <Stack gap={2}>
        {m.why_text && <Text size="xs">{m.why_text}</Text>}
        {m.suggestions.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('finance.import.lines.suggestions', { count: m.suggestions.length })}
          </Text>
        )}
      </Stack>
    );
  return null;
}

function LineCard({ line }: { line: PreviewLine }) {
  const { t } = useTranslation();
  const outcome = lineOutcome(line);
  const incoming = line.direction === 'incoming';
  return (
    <li style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', padding: 'var(--mantine-spacing-sm)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {formatDate(line.date)} · № {line.number} · {t('finance.payments.line', { line: line.line })}
          </Text>
          <Text size="sm" fw={500} lineClamp={2}>
            {line.counterparty}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="sm" fw={600} c={incoming ? undefined : 'red.8'} style={{ whiteSpace: 'nowrap' }}>
            {incoming ? '' : '−'}
            {formatMoney(line.amount)}
          </Text>
          <Badge size="xs" variant="light" color={OUTCOME_COLOR[outcome]}>
            {t(`finance.import.lines.outcome.${outcome}`)}
          </Badge>
        </Stack>
      </Group>
      <Text size="xs" mt={4} lineClamp={2}>
        {line.purpose}
      </Text>
      <Box mt={4}>
        <Matching line={line} />
      </Box>
    </li>
  );
}
