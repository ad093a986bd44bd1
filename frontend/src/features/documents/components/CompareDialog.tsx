// Two offer versions side by side: their lines row by row (the same item or name paired), the
// changed ones highlighted with the fields that changed, lines that came or went marked, and
// both totals with the difference.
import { Badge, Group, Loader, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { documentQuery, type DocumentLine, type DocumentSummary } from '../api/documents';
import { compareLines, type ComparedField, type ComparedRow } from '../model/compare';
import { parseScaled, toDecimalString } from '../model/decimal';
import { textOr } from './labels';

const ROW_BG = {
  changed: 'var(--mantine-color-yellow-light)',
  added: 'var(--mantine-color-green-light)',
  removed: 'var(--mantine-color-red-light)',
  same: undefined,
} as const;

export function CompareDialog({ opened, offers, onClose }: { opened: boolean; offers: DocumentSummary[]; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [left, setLeft] = useState<string | null>(null);
  const [right, setRight] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      // The latest version and the one before it.
      setRight(offers.at(-1)?.id ?? null);
      setLeft(offers.at(-2)?.id ?? null);
    }
  }, [opened]);
  const a = useQuery({ ...documentQuery(left ?? ''), enabled: opened && !!left });
  const b = useQuery({ ...documentQuery(right ?? ''), enabled: opened && !!right });
  const options = offers.map((o) => ({ value: o.id, label: t('documents.compare.version', { version: o.version_no, date: formatDate(o.date) }) }));
  const number = offers.at(-1)?.number ?? '';

  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.compare.title', { number })} size="100%" fullScreen={phone}>
      {offers.length < 2 ? (
        <Text size="sm">{t('documents.compare.needTwo')}</Text>
      ) : (
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <Select label={t('documents.compare.left')} data={options} value={left} onChange={setLeft} allowDeselect={false} miw={200} />
            <Select label={t('documents.compare.right')} data={options} value={right} onChange={setRight} allowDeselect={false} miw={200} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('documents.compare.legend')}
          </Text>
          {a.isError || b.isError ? (
            <ProblemAlert error={a.error ?? b.error} />
          ) : !a.data || !b.data ? (
            <Loader size="sm" />
          ) : (
            <Comparison left={a.data} right={b.data} />
          )}
        </Stack>
      )}
    </Modal>
  );
}

function Comparison({
  left,
  right,
}: {
  left: { version_no: number; lines: DocumentLine[]; total: string; vat_total: string };
  right: { version_no: number; lines: DocumentLine[]; total: string; vat_total: string };
}) {
  const { t } = useTranslation();
  const rows = compareLines(left.lines, right.lines);
  const diff = (() => {
    const x = parseScaled(left.total, 2);
    const y = parseScaled(right.total, 2);
    return typeof x === 'bigint' && typeof y === 'bigint' ? y - x : null;
  })();
  const heading = (v: number) => `${t('documents.columns.version')} ${v}`;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withColumnBorders verticalSpacing={4} fz="sm" aria-label={t('documents.compare.title', { number: '' })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th colSpan={4}>{heading(left.version_no)}</Table.Th>
            <Table.Th colSpan={4}>{heading(right.version_no)}</Table.Th>
          </Table.Tr>
          <Table.Tr>
            {[0, 1].map((side) => (
              <Cols key={side} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            <Table.Tr key={i} bg={ROW_BG[row.change]}>
              <Side line={row.left} row={row} />
              <Side line={row.right} row={row} right />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={3} ta="right" fw={600}>
              {t('documents.compare.total')}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(left.total)}
            </Table.Td>
            <Table.Td colSpan={3} ta="right" fw={600}>
              {diff !== null && diff !== 0n && (
                <Text span size="xs" c={diff > 0n ? 'red.8' : 'teal.8'} mr="xs">
                  {t('documents.compare.difference', { amount: `${diff > 0n ? '+' : '−'}${formatMoney(toDecimalString(diff < 0n ? -diff : diff, 2))}` })}
                </Text>
              )}
              {t('documents.compare.total')}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(right.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function Cols() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th>{t('documents.lines.name')}</Table.Th>
      <Table.Th ta="right">{t('documents.lines.quantity')}</Table.Th>
      <Table.Th ta="right">{t('documents.lines.price')}</Table.Th>
      <Table.Th ta="right">{t('documents.lines.amount')}</Table.Th>
    </>
  );
}

function Side({ line, row, right = false }: { line: DocumentLine | null; row: ComparedRow<DocumentLine>; right?: boolean }) {
  const { t } = useTranslation();
  if (!line) return <Table.Td colSpan={4} />;
  const marked = (f: ComparedField) => (right && row.fields.includes(f) ? 700 : undefined);
  const badge =
    (right && row.change === 'added') || (!right && row.change === 'removed') || (right && row.change === 'changed') ? (
      <Badge size="xs" ml={6} variant="light" color={row.change === 'added' ? 'green' : row.change === 'removed' ? 'red' : 'yellow'}>
        {t(`documents.compare.${row.change as 'added' | 'removed' | 'changed'}`)}
      </Badge>
    ) : null;
  return (
    <>
      <Table.Td>
        {line.name}
        {badge}
      </Table.Td>
      <Table.Td ta="right" fw={marked('quantity') ?? marked('unit')} style={{ whiteSpace: 'nowrap' }}>
        {line.quantity.replace('.', ',')} {textOr(`documents.units.${line.unit}`, line.unit)}
      </Table.Td>
      <Table.Td ta="right" fw={marked('price') ?? marked('discount_pct')} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(line.price)}
        {!/^0*(\.0*)?$/.test(line.discount_pct) && (
          <Text size="xs" c="dimmed">
            −{line.discount_pct.replace('.', ',')} %
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" fw={marked('amount')} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(line.amount)}
      </Table.Td>
    </>
  );
}
