// The «Документы» tab of a deal: its documents grouped by kind (every offer version, the replaced
// ones marked), the e-mails that sent them and how their delivery went, the next step, and the
// buttons that make documents. The opened document (`?document=<id>`) shows below the list with
// its PDF. Sending and signing move the deal by themselves; the card is read again after them.
import { Alert, Anchor, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatDate } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { dealDocumentsQuery, DOCUMENT_KINDS, type DealForDocuments, type DocumentKind, type DocumentSummary } from '../api/documents';
import { CompareDialog } from './CompareDialog';
import { ContractDialog } from './ContractDialog';
import { DocumentPanel } from './DocumentPanel';
import { EmailsPanel } from './EmailsPanel';
import { FollowUpDialog } from './FollowUpDialog';
import { InvoiceDialog } from './InvoiceDialog';
import { documentName, statusColor, statusLabel } from './labels';
import { OfferEditor } from './OfferEditor';
import { SendDialog } from './SendDialog';
import { useDocumentsChanged } from './useDocumentsChanged';

export interface DocumentsTabProps {
  deal: DealForDocuments;
  /** Reads the deal card again (its stage moves with the documents). */
  onDealChanged: () => void;
}

/** What dialog is open, with what it starts from. */
type Dialog =
  | { kind: 'offer'; revise: boolean }
  | { kind: 'contract' }
  | { kind: 'invoice'; offerId?: string }
  | { kind: 'followUp'; followUp: 'work_order' | 'delivery_notice'; invoiceId?: string }
  | { kind: 'send'; ids?: string[] }
  | { kind: 'compare' }
  | null;

export function DocumentsTab({ deal, onDealChanged }: DocumentsTabProps) {
  const { t } = useTranslation();
  const canWrite = useCan('documents.write');
  const docs = useQuery(dealDocumentsQuery(deal.id));
  const [params, setParams] = useSearchParams();
  const openId = params.get('document');
  const [dialog, setDialog] = useState<Dialog>(null);
  const changed = useDocumentsChanged(deal.id, onDealChanged);

  const open = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('document', id);
        else next.delete('document');
        return next;
      },
      { replace: true },
    );

  if (docs.isPending) return <TableSkeleton rows={5} />;
  if (docs.isError) return <ProblemAlert error={docs.error} onRetry={() => void docs.refetch()} />;

  const items = docs.data.items;
  const writable = canWrite && deal.status === 'open';
  const offers = items.filter((d) => d.kind === 'offer');
  const current = [...offers].reverse().find((d) => d.status !== 'replaced');
  const invoices = items.filter((d) => d.kind === 'invoice');
  const sendable = items.filter((d) => !(d.kind === 'offer' && d.status === 'replaced') && d.status !== 'not_signed');
  const opened = items.find((d) => d.id === openId);

  return (
    <Stack>
      {deal.status !== 'open' && (
        <Alert color="gray" variant="light">
          {t('documents.closedDeal')}
        </Alert>
      )}
      {writable && (
        <Group gap="xs" wrap="wrap" role="toolbar" aria-label={t('documents.title')}>
          <Button size="sm" onClick={() => setDialog({ kind: 'offer', revise: !!current })}>
            {current ? t('documents.actions.revise') : t('documents.actions.newOffer')}
          </Button>
          <Button size="sm" variant="light" onClick={() => setDialog({ kind: 'contract' })}>
            {t('documents.actions.contract')}
          </Button>
          <Button size="sm" variant="light" disabled={!current} onClick={() => setDialog({ kind: 'invoice' })}>
            {t('documents.actions.invoice')}
          </Button>
          <Button size="sm" variant="light" color="green" disabled={sendable.length === 0} onClick={() => setDialog({ kind: 'send' })}>
            {t('documents.actions.send')}
          </Button>
          {(offers.length > 1 || invoices.length > 0) && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button size="sm" variant="default">
                  {t('documents.actions.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {offers.length > 1 && <Menu.Item onClick={() => setDialog({ kind: 'compare' })}>{t('documents.actions.compare')}</Menu.Item>}
                {invoices.length > 0 && (
                  <>
                    <Menu.Item onClick={() => setDialog({ kind: 'followUp', followUp: 'work_order' })}>{t('documents.actions.workOrder')}</Menu.Item>
                    <Menu.Item onClick={() => setDialog({ kind: 'followUp', followUp: 'delivery_notice' })}>
                      {t('documents.actions.deliveryNotice')}
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      )}
      {!writable && offers.length > 1 && (
        <Group>
          <Button size="sm" variant="default" onClick={() => setDialog({ kind: 'compare' })}>
            {t('documents.actions.compare')}
          </Button>
        </Group>
      )}

      {items.length === 0 ? (
        <Paper withBorder p="lg" radius="sm">
          <Stack gap="xs" align="flex-start">
            <Title order={3} size="h5">
              {t('documents.empty.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {writable ? t('documents.empty.offer') : t('documents.empty.noWrite')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <>
          {writable && <NextStep items={items} />}
          {DOCUMENT_KINDS.map((kind) => {
            const group = items.filter((d) => d.kind === kind);
            return group.length > 0 ? <DocumentGroup key={kind} kind={kind} items={group} openId={openId} onOpen={open} /> : null;
          })}
        </>
      )}

      {opened && (
        <DocumentPanel
          key={opened.id}
          summary={opened}
          deal={deal}
          canWrite={writable}
          isCurrentOffer={opened.id === current?.id}
          onClose={() => open(null)}
          onChanged={changed}
          onSend={(id) => setDialog({ kind: 'send', ids: [id] })}
          onRevise={() => setDialog({ kind: 'offer', revise: true })}
          onInvoice={(offerId) => setDialog({ kind: 'invoice', offerId })}
          onFollowUp={(followUp, invoiceId) => setDialog({ kind: 'followUp', followUp, invoiceId })}
        />
      )}

      {(items.length > 0 || docs.data.emails.length > 0) && <EmailsPanel emails={docs.data.emails} documents={items} />}

      {writable && (
        <>
          <OfferEditor
            deal={deal}
            opened={dialog?.kind === 'offer'}
            current={dialog?.kind === 'offer' && dialog.revise ? current : undefined}
            onClose={() => setDialog(null)}
            onSaved={(doc) => {
              changed();
              open(doc.id);
            }}
          />
          <ContractDialog
            deal={deal}
            opened={dialog?.kind === 'contract'}
            onClose={() => setDialog(null)}
            onCreated={(doc) => {
              changed();
              open(doc.id);
            }}
          />
          <InvoiceDialog
            deal={deal}
            opened={dialog?.kind === 'invoice'}
            offers={offers}
            offerId={dialog?.kind === 'invoice' ? dialog.offerId : undefined}
            onClose={() => setDialog(null)}
            onCreated={(doc) => {
              changed();
              open(doc.id);
            }}
          />
          <FollowUpDialog
            deal={deal}
            opened={dialog?.kind === 'followUp'}
            followUp={dialog?.kind === 'followUp' ? dialog.followUp : 'work_order'}
            invoices={invoices}
            invoiceId={dialog?.kind === 'followUp' ? dialog.invoiceId : undefined}
            onClose={() => setDialog(null)}
            onCreated={(doc) => {
              changed();
              open(doc.id);
            }}
          />
          <SendDialog
            deal={deal}
            opened={dialog?.kind === 'send'}
            documents={sendable}
            initial={dialog?.kind === 'send' ? dialog.ids : undefined}
            lastRecipient={docs.data.emails[0]}
            onClose={() => setDialog(null)}
            onSent={changed}
          />
        </>
      )}
      <CompareDialog opened={dialog?.kind === 'compare'} offers={offers} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/** What the deal waits for from its documents, said once above the list. */
function NextStep({ items }: { items: DocumentSummary[] }) {
  const { t } = useTranslation();
  const offer = [...items].reverse().find((d) => d.kind === 'offer' && d.status !== 'replaced');
  const contract = [...items].reverse().find((d) => d.kind === 'contract' && d.status !== 'not_signed');
  const invoice = [...items].reverse().find((d) => d.kind === 'invoice');
  let text: string | null = null;
  if (!offer) text = t('documents.next.offer');
  else if (!items.some((d) => d.kind === 'offer' && d.sent_at)) text = t('documents.next.sendOffer');
  else if (!contract || !invoice) text = t('documents.next.contractInvoice');
  else if (!contract.sent_at || !invoice.sent_at) text = t('documents.next.sendBoth');
  else if (contract.status !== 'signed') text = t('documents.next.sign');
  return text ? (
    <Alert color="blue" variant="light" py="xs">
      <Text size="sm">{text}</Text>
    </Alert>
  ) : null;
}

function DocumentGroup({
  kind,
  items,
  openId,
  onOpen,
}: {
  kind: DocumentKind;
  items: DocumentSummary[];
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const title = t(`documents.kinds.${kind}`);
  // Newest first: the current version on top, the replaced ones under it.
  const rows = [...items].reverse();
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Table verticalSpacing={6} highlightOnHover aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documents.columns.number')}</Table.Th>
            {kind === 'offer' && <Table.Th visibleFrom="sm">{t('documents.columns.version')}</Table.Th>}
            <Table.Th visibleFrom="sm">{t('documents.columns.date')}</Table.Th>
            <Table.Th>{t('documents.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('documents.columns.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const replaced = d.kind === 'offer' && d.status === 'replaced';
            const name = documentName(t, d);
            return (
              <Table.Tr
                key={d.id}
                // The opened one: a bar at its start (a background would dim the link's contrast).
                style={d.id === openId ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-blue-6)' } : undefined}
                c={replaced ? 'dimmed' : undefined}
                aria-current={d.id === openId ? 'true' : undefined}
              >
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    c={replaced ? 'dimmed' : undefined}
                    td={replaced ? 'line-through' : undefined}
                    aria-label={t('documents.openDocument', { name })}
                    onClick={() => onOpen(d.id)}
                  >
                    {d.number}
                  </Anchor>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {kind === 'offer' ? `${t('documents.columns.version')} ${d.version_no} · ` : ''}
                    {formatDate(d.date)}
                  </Text>
                </Table.Td>
                {kind === 'offer' && (
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{d.version_no}</Text>
                  </Table.Td>
                )}
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{formatDate(d.date)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor(d)} variant="light" style={{ textTransform: 'none' }}>
                    {replaced ? t('documents.replaced') : statusLabel(d)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {kind === 'work_order' || kind === 'delivery_notice' ? '' : formatMoney(d.total)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
