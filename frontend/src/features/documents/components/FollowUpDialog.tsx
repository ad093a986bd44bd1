// A work order or a delivery notice from an invoice: it lists the invoice's lines, with notes
// (the address, the dates, the crew or production, what to check) one paragraph per line.
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoney } from '../../../shared/format/money';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { createFollowUp, type DealForDocuments, type DocumentSummary, type DocumentView } from '../api/documents';
import { documentName } from './labels';

type FollowUpKind = 'work_order' | 'delivery_notice';

export function FollowUpDialog({
  deal,
  opened,
  followUp,
  invoices,
  invoiceId,
  onClose,
  onCreated,
}: {
  deal: DealForDocuments;
  opened: boolean;
  followUp: FollowUpKind;
  invoices: DocumentSummary[];
  invoiceId?: string;
  onClose: () => void;
  onCreated: (doc: DocumentView) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FollowUpKind>(followUp);
  const [invoice, setInvoice] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  useEffect(() => {
    if (opened) {
      setKind(followUp);
      setInvoice(invoiceId ?? invoices.at(-1)?.id ?? null);
      setNotes('');
      setUnplaced(null);
    }
  }, [opened]);

  const mutation = useMutation({
    mutationFn: () =>
      createFollowUp(deal.id, {
        kind,
        invoice_id: invoice!,
        notes: notes
          .split('\n')
          .map((n) => n.trim())
          .filter(Boolean),
      }),
    onSuccess: (doc) => {
      notifySuccess(t('documents.followUp.created', { name: documentName(t, doc) }));
      onCreated(doc);
      onClose();
    },
    onError: (error) => setUnplaced(error instanceof ApiProblem ? error.errors : null),
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={kind === 'work_order' ? t('documents.followUp.titleWorkOrder') : t('documents.followUp.titleNotice')}
    >
      {invoices.length === 0 ? (
        <Text size="sm">{t('documents.followUp.noInvoice')}</Text>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (invoice) mutation.mutate();
          }}
          noValidate
        >
          <Stack>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            <SegmentedControl
              aria-label={t('documents.followUp.kind')}
              data={[
                { value: 'work_order', label: t('documents.actions.workOrder') },
                { value: 'delivery_notice', label: t('documents.actions.deliveryNotice') },
              ]}
              value={kind}
              onChange={(v) => setKind(v as FollowUpKind)}
            />
            <Select
              label={t('documents.followUp.invoice')}
              required
              allowDeselect={false}
              data={[...invoices].reverse().map((i) => ({ value: i.id, label: `${documentName(t, i)} — ${formatMoney(i.total)}` }))}
              value={invoice}
              onChange={setInvoice}
            />
            <Textarea
              label={t('documents.followUp.notes')}
              description={t('documents.followUp.notesHint')}
              autosize
              minRows={4}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} disabled={!invoice}>
                {t('documents.followUp.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
