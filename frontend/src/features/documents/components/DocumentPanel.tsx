// One document opened from the list: its facts, lines with the stored VAT and amounts, totals and
// the amount in words, an invoice's schedule, a contract's steps, and the PDF in the page.
import { Alert, Badge, Button, CloseButton, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { documentQuery, type DealForDocuments, type DocumentSummary, type DocumentView } from '../api/documents';
import { ContractSteps } from './ContractSteps';
import { documentName, statusColor, statusLabel, textOr } from './labels';
import { PdfPreview } from './PdfPreview';

export function DocumentPanel({
  summary,
  deal,
  canWrite,
  isCurrentOffer,
  onClose,
  onChanged,
  onSend,
  onRevise,
  onInvoice,
  onFollowUp,
}: {
  summary: DocumentSummary;
  deal: DealForDocuments;
  canWrite: boolean;
  isCurrentOffer: boolean;
  onClose: () => void;
  onChanged: () => void;
  onSend: (id: string) => void;
  onRevise: () => void;
  onInvoice: (offerId: string) => void;
  onFollowUp: (kind: 'work_order' | 'delivery_notice', invoiceId: string) => void;
}) {
  const { t } = useTranslation();
  const doc = useQuery(documentQuery(summary.id));
  const name = documentName(t, summary);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [summary.id]);
  const replaced = summary.kind === 'offer' && summary.status === 'replaced';

  return (
    <Paper withBorder radius="sm" p="md" component="section" aria-label={name} ref={ref}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h4">
              {name}
            </Title>
            <Badge color={statusColor(summary)} variant="light" style={{ textTransform: 'none' }}>
              {replaced ? t('documents.replaced') : statusLabel(doc.data ?? summary)}
            </Badge>
          </Group>
          <CloseButton aria-label={t('documents.view.close')} onClick={onClose} />
        </Group>
        {canWrite && (
          <Group gap="xs">
            {!replaced && summary.status !== 'not_signed' && (
              <Button size="xs" color="green" variant="light" onClick={() => onSend(summary.id)}>
                {t('documents.view.sendThis')}
              </Button>
            )}
            {summary.kind === 'offer' && isCurrentOffer && (
              <Button size="xs" variant="light" onClick={onRevise}>
                {t('documents.actions.revise')}
              </Button>
            )}
            {summary.kind === 'offer' && !replaced && (
              <Button size="xs" variant="light" onClick={() => onInvoice(summary.id)}>
                {t('documents.view.invoiceFrom')}
              </Button>
            )}
            {summary.kind === 'invoice' && (
              <>
                <Button size="xs" variant="light" onClick={() => onFollowUp('work_order', summary.id)}>
                  {t('documents.actions.workOrder')}
                </Button>
                <Button size="xs" variant="light" onClick={() => onFollowUp('delivery_notice', summary.id)}>
                  {t('documents.actions.deliveryNotice')}
                </Button>
              </>
            )}
          </Group>
        )}
        {doc.isPending ? (
          <TableSkeleton rows={4} />
        ) : doc.isError ? (
          <ProblemAlert error={doc.error} onRetry={() => void doc.refetch()} />
        ) : (
          <Details doc={doc.data} deal={deal} onChanged={onChanged} />
        )}
        <Title order={4} size="h5">
          {t('documents.pdf.title')}
        </Title>
        <PdfPreview id={summary.id} fileName={summary.file_name} revision={`${doc.data?.version ?? 0}:${summary.status}`} />
      </Stack>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </div>
  );
}

function Details({ doc, deal, onChanged }: { doc: DocumentView; deal: DealForDocuments; onChanged: () => void }) {
  const { t } = useTranslation();
  const hasMoney = doc.kind !== 'work_order' && doc.kind !== 'delivery_notice';
  const withoutVat = doc.lines.length > 0 && doc.lines.every((l) => l.vat === 'none');
  return (
    <Stack gap="sm">
      {doc.sent_at && (
        <Text size="xs" c="dimmed">
          {t('documents.view.frozen', { date: formatDateTime(doc.sent_at) })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Fact label={t('documents.view.date')}>{formatDate(doc.date)}</Fact>
        {doc.valid_until && <Fact label={t('documents.view.validUntil')}>{formatDate(doc.valid_until)}</Fact>}
        {doc.contract_kind && (
          <Fact label={t('documents.view.kindOfContract')}>{t(`documents.contract.kinds.${doc.contract_kind}`)}</Fact>
        )}
        {hasMoney && <Fact label={t('documents.view.total')}>{formatMoney(doc.total)}</Fact>}
      </SimpleGrid>
      {doc.signatory?.name && (
        <Fact label={t('documents.view.signatory')}>
          {[doc.signatory.position, doc.signatory.name].filter(Boolean).join(', ')}
          {doc.signatory.acting && (
            <Text size="xs" c="dimmed">
              {doc.signatory.acting}
            </Text>
          )}
        </Fact>
      )}
      {doc.kind === 'contract' && <ContractSteps doc={doc} deal={deal} onChanged={onChanged} />}
      {doc.lines.length > 0 && <LinesTable doc={doc} withMoney={hasMoney} />}
      {hasMoney && doc.lines.length > 0 && (
        <Stack gap={2} align="flex-end">
          <Text size="sm" fw={600}>
            {t('documents.view.total')}: {formatMoney(doc.total)}
          </Text>
          <Text size="sm">{withoutVat ? t('documents.view.noVat') : `${t('documents.view.vatTotal')}: ${formatMoney(doc.vat_total)}`}</Text>
          {doc.amount_in_words && (
            <Text size="xs" c="dimmed" ta="right">
              {t('documents.view.inWords')}: {doc.amount_in_words}
            </Text>
          )}
        </Stack>
      )}
      {doc.schedule.length > 0 && (
        <Stack gap={4}>
          <Title order={4} size="h6">
            {t('documents.view.schedule')}
          </Title>
          {doc.schedule.map((p, i) => (
            <Text size="sm" key={i}>
              {t('documents.invoice.part', { percent: p.percent.replace('.', ','), amount: formatMoney(p.amount), date: formatDate(p.due_date) })}
            </Text>
          ))}
        </Stack>
      )}
      {doc.terms && <Fact label={t('documents.view.terms')}>{<span style={{ whiteSpace: 'pre-wrap' }}>{doc.terms}</span>}</Fact>}
      {doc.notes.length > 0 && (
        <Fact label={t('documents.view.notes')}>
          {doc.notes.map((n, i) => (
            <Text size="sm" key={i}>
              {n}
            </Text>
          ))}
        </Fact>
      )}
      {doc.status_note && doc.kind !== 'contract' && <Alert color="gray">{doc.status_note}</Alert>}
    </Stack>
  );
}

function LinesTable({ doc, withMoney }: { doc: DocumentView; withMoney: boolean }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  if (phone)
    return (
      <Stack gap={4} component="ol" aria-label={t('documents.view.lines')} p={0} m={0} style={{ listStyle: 'none' }}>
        {doc.lines.map((l, i) => (
          <Paper key={i} component="li" withBorder p="xs" radius="sm">
            <Text size="sm" fw={500}>
              {i + 1}. {l.name}
            </Text>
            <Text size="xs" c="dimmed">
              {l.quantity.replace('.', ',')} {textOr(`documents.units.${l.unit}`, l.unit)}
              {withMoney && ` × ${formatMoney(l.price)}`}
              {withMoney && !/^0*(\.0*)?$/.test(l.discount_pct) && `, −${l.discount_pct.replace('.', ',')} %`}
              {withMoney && ` · ${t('documents.lines.vat')} ${textOr(`documents.vat.${l.vat}`, l.vat)}`}
            </Text>
            {withMoney && (
              <Text size="sm" ta="right">
                {formatMoney(l.amount)}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={withMoney ? 620 : 360}>
      <Table verticalSpacing={4} fz="sm" aria-label={t('documents.view.lines')} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documents.lines.position')}</Table.Th>
            <Table.Th>{t('documents.lines.name')}</Table.Th>
            <Table.Th ta="right">{t('documents.lines.quantity')}</Table.Th>
            <Table.Th>{t('documents.lines.unit')}</Table.Th>
            {withMoney && (
              <>
                <Table.Th ta="right">{t('documents.lines.price')}</Table.Th>
                <Table.Th ta="right">{t('documents.lines.discount')}</Table.Th>
                <Table.Th>{t('documents.lines.vat')}</Table.Th>
                <Table.Th ta="right">{t('documents.lines.amount')}</Table.Th>
              </>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.lines.map((l, i) => (
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                {l.name}
                {l.article && (
                  <Text size="xs" c="dimmed">
                    {l.article}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{l.quantity.replace('.', ',')}</Table.Td>
              <Table.Td>{textOr(`documents.units.${l.unit}`, l.unit)}</Table.Td>
              {withMoney && (
                <>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(l.price)}
                  </Table.Td>
                  <Table.Td ta="right">{/^0*(\.0*)?$/.test(l.discount_pct) ? '—' : l.discount_pct.replace('.', ',')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{textOr(`documents.vat.${l.vat}`, l.vat)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(l.amount)}
                    {l.vat !== 'none' && l.vat !== 'vat0' && (
                      <Text size="xs" c="dimmed">
                        {t('documents.lines.vatAmount')} {formatMoney(l.vat_amount)}
                      </Text>
                    )}
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
